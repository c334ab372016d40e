import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { ProblemException } from '@microbank/http';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

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
      'Send an Idempotency-Key header with every money movement.',
      {
        type: 'idempotency-key-required',
        errors: [{ field: 'Idempotency-Key', rule: 'required', message: 'the Idempotency-Key header is required' }],
      },
    );
  }
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
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

/** Documents the header on a route. */
export const ApiIdempotencyKey = () =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: 'A unique key per money movement; retries reuse it.',
  });
