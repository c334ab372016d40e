import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * Raw SQL on a service's pg pool, written as tagged templates like Prisma's `$queryRaw`, for the few paths where
 * Prisma's CPU per statement is the bottleneck (the account service's money movements: docs/profiling-money-movements.md).
 * Values are always bound parameters, never spliced into the text. Each call site becomes a named prepared
 * statement, so PostgreSQL parses and plans it once per connection.
 *
 * Rows come back as pg decodes them: bigint and numeric as strings, timestamptz as Date, json as values.
 */
export interface SqlRunner {
  $queryRaw<T = unknown>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T>;
  $executeRaw(strings: TemplateStringsArray, ...values: unknown[]): Promise<number>;
}

export interface SqlTransactionOptions {
  /** How long to wait for a free connection. */
  readonly maxWaitMs: number;
  /** How long the transaction may run from BEGIN: PostgreSQL ends the session past it (`transaction_timeout`). */
  readonly timeoutMs: number;
}

export class SqlTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SqlTimeoutError';
  }
}

interface PreparedText {
  readonly name: string;
  readonly text: string;
}

// a template's strings array is the same object every time its line runs: the text is built once per call site
const prepared = new WeakMap<TemplateStringsArray, PreparedText>();

function preparedText(strings: TemplateStringsArray): PreparedText {
  let statement = prepared.get(strings);
  if (!statement) {
    const text = strings.reduce((sql, part, i) => `${sql}$${i}${part}`);
    // named by its text, so the same name always means the same statement on a connection, whoever prepared it
    statement = { name: `microbank_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`, text };
    prepared.set(strings, statement);
  }
  return statement;
}

async function run<T>(
  queryable: pg.Pool | pg.PoolClient,
  strings: TemplateStringsArray,
  values: unknown[],
): Promise<pg.QueryResult<T & pg.QueryResultRow>> {
  return queryable.query<T & pg.QueryResultRow>({ ...preparedText(strings), values });
}

/** Statements inside one transaction, on the connection that holds it. */
export class SqlTransaction implements SqlRunner {
  constructor(private readonly connection: pg.PoolClient) {}

  async $queryRaw<T = unknown>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T> {
    return (await run(this.connection, strings, values)).rows as T;
  }

  async $executeRaw(strings: TemplateStringsArray, ...values: unknown[]): Promise<number> {
    return (await run(this.connection, strings, values)).rowCount ?? 0;
  }
}

/** Statements on the pool (each its own transaction), and transactions on one pooled connection. */
export class SqlClient implements SqlRunner {
  constructor(private readonly pool: pg.Pool) {}

  async $queryRaw<T = unknown>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T> {
    return (await run(this.pool, strings, values)).rows as T;
  }

  async $executeRaw(strings: TemplateStringsArray, ...values: unknown[]): Promise<number> {
    return (await run(this.pool, strings, values)).rowCount ?? 0;
  }

  /** Runs `work` in a transaction: committed when it resolves, rolled back when it throws. */
  async transaction<R>(work: (tx: SqlTransaction) => Promise<R>, options: SqlTransactionOptions): Promise<R> {
    const connection = await this.connect(options.maxWaitMs);
    let broken: Error | undefined;
    // a connection the server drops while we hold it emits 'error' (the pool listens only to idle ones); unheard, it
    // would crash the process. The statement in flight fails on its own; the connection must not be reused.
    const lost = (error: Error) => (broken = error);
    connection.on('error', lost);
    try {
      // one round trip: a simple-protocol query may hold several statements
      await connection.query(`BEGIN; SET LOCAL transaction_timeout = ${Math.trunc(options.timeoutMs)}`);
      const result = await work(new SqlTransaction(connection));
      await connection.query('COMMIT');
      return result;
    } catch (error) {
      await connection.query('ROLLBACK').catch((rollbackError: Error) => {
        broken ??= rollbackError; // the connection is gone or unusable: the pool must not hand it out again
      });
      throw error;
    } finally {
      connection.off('error', lost);
      connection.release(broken);
    }
  }

  private async connect(maxWaitMs: number): Promise<pg.PoolClient> {
    const connecting = this.pool.connect();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new SqlTimeoutError(`no database connection became free within ${maxWaitMs} ms`)),
        maxWaitMs,
      );
    });
    try {
      return await Promise.race([connecting, timedOut]);
    } catch (error) {
      // a connection that arrives after we gave up goes straight back to the pool
      connecting.then((late) => late.release()).catch(() => undefined);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }
}
