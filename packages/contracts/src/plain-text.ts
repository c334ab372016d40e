import { z } from 'zod';

/**
 * Free text a person or a merchant typed: trimmed, and without control characters (PostgreSQL refuses a NUL in
 * text and JSON, and nobody means a line break in a name).
 */
export const plainText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, 'no control characters');
