/**
 * An account the fraud service has not heard of yet. Its AccountOpened is on another topic, which another consumer
 * may not have reached: retried in place (transient) until it has, rather than judged without its owner.
 */
export class AccountNotYetKnownError extends Error {
  readonly retriable = true;

  constructor(accountId: string) {
    super(`account ${accountId} is not known yet (its AccountOpened has not been consumed)`);
    this.name = 'AccountNotYetKnownError';
  }
}
