import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { PROBLEM_TITLES } from '../problem-body';

/**
 * Documents the problems a route answers beyond those every route of its kind may (see completeOpenApiDocument),
 * e.g. `@ApiProblems(404, 409)`; their bodies are the shared Problem schema.
 */
export const ApiProblems = (...statuses: number[]) =>
  applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, description: PROBLEM_TITLES[status] ?? 'Problem' })),
  );
