/** Placeholder until the feature lands. */
export function runReconcileCli(_args: string[]): Promise<number> {
  return Promise.reject(new Error('not implemented yet'));
}
