/** The request's claim on its key was taken over (it ran past the abandonment time); nothing it did may commit. */
export class IdempotencyClaimLostError extends Error {
  constructor(key: string) {
    super(`the claim on Idempotency-Key ${key} was taken over by a retry`);
    this.name = 'IdempotencyClaimLostError';
  }
}
