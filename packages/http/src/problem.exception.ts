import { HttpException } from '@nestjs/common';
import type { FieldError } from '@microbank/domain';

export type { FieldError } from '@microbank/domain';

export interface ProblemExtras {
  /** A short slug; the problem's `type` URI is built from it. Defaults to one derived from the title. */
  readonly type?: string;
  readonly errors?: readonly FieldError[];
  /** Sent as the `Retry-After` header: how many seconds the client should wait before trying again. */
  readonly retryAfterSeconds?: number;
}

/** An RFC 9457 problem raised at the edge (guards, pipes, controllers); services throw DomainError instead. */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly title: string,
    readonly detail?: string,
    readonly extras: ProblemExtras = {},
  ) {
    super(detail ?? title, status);
  }

  get slug(): string {
    return this.extras.type ?? slugOf(this.title);
  }
}

export function slugOf(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The problems the edge raises (auth, validation), worded once; business refusals are DomainErrors. */
export const Problems = {
  notFound: (what: string) => new ProblemException(404, 'Not found', `${what} was not found.`, { type: 'not-found' }),
  unauthorized: (detail = 'A valid bearer token is required.') =>
    new ProblemException(401, 'Unauthorized', detail, { type: 'unauthorized' }),
  forbidden: (detail: string) => new ProblemException(403, 'Forbidden', detail, { type: 'forbidden' }),
  invalidRequest: (errors: readonly FieldError[]) =>
    new ProblemException(422, 'Invalid request', 'The request breaks the rules listed in errors.', {
      type: 'invalid-request',
      errors,
    }),
};
