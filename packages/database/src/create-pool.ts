import pg from 'pg';

const NAME_OIDS = new Set([18, 19]); // "char" and name, the catalog column types
const TEXT_OID = 25;

// prisma/orm#27403: @prisma/adapter-pg picks a column's decoder by fields[].dataTypeID and has none for
// "char" and name, which migrate's catalog queries return ("Column type 'name' could not be deserialized").
// Their text-protocol values are plain strings, so they are reported as text.
function namesAsText<T>(result: T): T {
  for (const r of (Array.isArray(result) ? result : [result]) as (pg.QueryResult | undefined)[]) {
    for (const field of r?.fields ?? []) if (NAME_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
  }
  return result;
}

class NamesAsTextClient extends pg.Client {
  // pg.Pool calls query(config, values, callback); the adapter's transactions use the promise form
  override query(...args: unknown[]): never {
    const callback =
      typeof args.at(-1) === 'function' ? (args.pop() as (err: Error | null, res: unknown) => void) : undefined;
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with `this`
    const query = super.query as (...a: unknown[]) => unknown;
    if (callback)
      return query.call(this, ...args, (err: Error | null, res: unknown) =>
        callback(err, err ? res : namesAsText(res)),
      ) as never;
    const out = query.apply(this, args) as Promise<unknown> | undefined;
    return (typeof out?.then === 'function' ? out.then(namesAsText) : out) as never;
  }
}

/** A pg pool for PrismaPg, at runtime and in prisma.config.ts (where `migrate deploy` runs on the WASM engine). */
export function createPool(
  connectionString: string,
  config: Omit<pg.PoolConfig, 'connectionString' | 'Client'> = {},
): pg.Pool {
  const pool = new pg.Pool({ ...config, connectionString, Client: NamesAsTextClient });
  // an idle connection the server closed (restart, failover) is dropped by the pool; unhandled, it would crash the process
  pool.on('error', () => undefined);
  return pool;
}
