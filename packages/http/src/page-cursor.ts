import { z } from 'zod';

const MAX_BIGINT = 9_223_372_036_854_775_807n;

/**
 * A list's `cursor` query parameter: the previous page's `nextCursor`, the position (a bigint key) of its last
 * item. Nineteen digits can still overflow the column, so the value is checked, not only its shape.
 */
export const pageCursorSchema = z
  .string()
  .regex(/^[1-9]\d{0,18}$/, 'a nextCursor from a previous page')
  .refine((cursor) => !/^\d+$/.test(cursor) || BigInt(cursor) <= MAX_BIGINT, {
    message: 'a nextCursor from a previous page',
    params: { rule: 'cursor' },
  });
