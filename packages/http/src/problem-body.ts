import { z } from 'zod';
import type { FieldError } from './problem.exception';

export const PROBLEM_TYPE_BASE = 'https://microbank.dev/problems/';

export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly correlationId?: string;
  readonly errors?: readonly FieldError[];
}

/** The title of a problem nobody worded more precisely, by status. */
export const PROBLEM_TITLES: Readonly<Record<number, string>> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Invalid request',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

/** ProblemBody as the OpenAPI document shows it (components.schemas.Problem). */
export const problemSchema = z
  .object({
    type: z.url().describe(`${PROBLEM_TYPE_BASE}<slug>; the slug names the problem`),
    title: z.string(),
    status: z.int().min(400).max(599),
    detail: z.string().optional(),
    instance: z.string().optional().describe('the request path'),
    correlationId: z.string().optional(),
    errors: z
      .array(
        z.object({
          field: z.string().describe('a body field, query parameter or header; "(body)" for the body as a whole'),
          rule: z.string(),
          message: z.string(),
        }),
      )
      .optional()
      .describe('every broken rule of an invalid request'),
  })
  .describe('An RFC 9457 problem: how every Microbank error is answered.');
