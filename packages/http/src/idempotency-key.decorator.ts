import { applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { ApiProblems } from './openapi/api-problems.decorator';
import { ProblemException } from './problem.exception';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
// 1-255 visible ASCII characters: a UUID, a ULID or the client's own request id all fit
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** The request's Idempotency-Key header: required on every money movement (400 when missing or malformed). */
export const IdempotencyKey = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const value = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers[
    IDEMPOTENCY_HEADER
  ];
  const key = Array.isArray(value) ? value[0] : value;
  if (!key) {
    throw new ProblemException(
      400,
      'Idempotency key required',
      'Send an Idempotency-Key header with every request that moves money.',
      {
        type: 'idempotency-key-required',
        errors: [{ field: 'Idempotency-Key', rule: 'required', message: 'the Idempotency-Key header is required' }],
      },
    );
  }
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw new ProblemException(
      400,
      'Invalid idempotency key',
      'The Idempotency-Key must be 1-255 visible ASCII characters.',
      {
        type: 'idempotency-key-invalid',
        errors: [{ field: 'Idempotency-Key', rule: 'format', message: 'must be 1-255 visible ASCII characters' }],
      },
    );
  }
  return key;
});

/** Documents the header, its format and the answers it brings (a retry in flight 409, a reused key 422) on a route. */
export const ApiIdempotencyKey = () =>
  applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: true,
      description: 'A unique key per request that moves money; retries reuse it.',
      schema: { type: 'string', minLength: 1, maxLength: 255, pattern: IDEMPOTENCY_KEY_PATTERN.source },
    }),
    ApiProblems(400, 409, 422),
  );
