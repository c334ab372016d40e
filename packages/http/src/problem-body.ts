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
