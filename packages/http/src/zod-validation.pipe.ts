import type { PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { Problems, type FieldError } from './problem.exception';

/** Validates a body, query or param with a zod schema; every broken rule becomes a named FieldError (422). */
export class ZodValidationPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(private readonly schema: T) {}

  transform(value: unknown): z.infer<T> {
    const result = this.schema.safeParse(value ?? {});
    if (result.success) return result.data;
    throw Problems.invalidRequest(toFieldErrors(result.error.issues));
  }
}

export function toFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: [...issue.path, key].join('.'),
        rule: 'unknown_field',
        message: `${key} is not a field of this request`,
      }));
    }
    // a refinement can name its rule: .refine(check, { params: { rule: 'max_amount' } })
    const rule = issue.code === 'custom' && typeof issue.params?.rule === 'string' ? issue.params.rule : issue.code;
    return [{ field: issue.path.join('.') || '(body)', rule, message: issue.message }];
  });
}
