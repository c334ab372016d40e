/** One broken rule, named so a client can point at the field. */
export interface FieldError {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

/**
 * What kind of refusal: the edge maps each to a status (not-found 404, forbidden 403, unauthenticated 401,
 * conflict 409, rejected 422, throttled 429); business code never names a status.
 */
export type DomainErrorKind = 'not-found' | 'forbidden' | 'unauthenticated' | 'conflict' | 'rejected' | 'throttled';

export interface DomainErrorDetails {
  /** A short slug naming the problem for clients (the problem's `type`). */
  readonly type: string;
  readonly errors?: readonly FieldError[];
  /** For `throttled`: when to try again. */
  readonly retryAfterSeconds?: number;
}

/** A business rule said no. Thrown by services; never a bug, so never logged as one. */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly kind: DomainErrorKind,
    readonly title: string,
    readonly detail: string,
    readonly details: DomainErrorDetails,
  ) {
    super(detail);
  }

  /** Missing and foreign resources alike, so ids reveal nothing. */
  static notFound(what: string): DomainError {
    return new DomainError('not-found', 'Not found', `${what} was not found.`, { type: 'not-found' });
  }

  static forbidden(detail: string): DomainError {
    return new DomainError('forbidden', 'Forbidden', detail, { type: 'forbidden' });
  }

  static unauthenticated(detail: string): DomainError {
    return new DomainError('unauthenticated', 'Unauthorized', detail, { type: 'unauthorized' });
  }

  static conflict(title: string, detail: string, type: string): DomainError {
    return new DomainError('conflict', title, detail, { type });
  }

  /** A request that breaks rules of its fields (a 422 with `errors`). */
  static invalid(errors: readonly FieldError[]): DomainError {
    return new DomainError('rejected', 'Invalid request', 'The request breaks the rules listed in errors.', {
      type: 'invalid-request',
      errors,
    });
  }

  /** A well-formed request the business refuses (insufficient funds, a reused key). */
  static rejected(title: string, detail: string, type: string, errors?: readonly FieldError[]): DomainError {
    return new DomainError('rejected', title, detail, { type, ...(errors ? { errors } : {}) });
  }

  static throttled(title: string, detail: string, retryAfterSeconds: number, type: string): DomainError {
    return new DomainError('throttled', title, detail, { type, retryAfterSeconds });
  }
}
