/**
 * The part of a Prisma client — or of the `tx` inside `prisma.$transaction(async (tx) => …)` — that messaging
 * needs. Any service's generated client fits, so this package never depends on one service's schema.
 */
export interface SqlExecutor {
  $executeRaw(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<number>;
  $queryRaw<T = unknown>(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<T>;
}

export interface TransactionRunner<Tx extends SqlExecutor = SqlExecutor> {
  $transaction<R>(work: (tx: Tx) => Promise<R>): PromiseLike<R>;
}
