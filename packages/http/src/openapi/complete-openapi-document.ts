import type { OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject, ParameterObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { PUBLIC_OPERATION_EXTENSION } from '../auth/public.decorator';
import { PROBLEM_TITLES, problemSchema } from '../problem-body';
import { openApiSchemaOf } from './openapi-schema';

export const BEARER_SCHEME = 'bearer';
const PROBLEM_REF = '#/components/schemas/Problem';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * Adds what every route of a kind shares, so a client generator or fuzzer sees the whole contract: the bearer
 * requirement on every route not marked @Public(), and the problems the edge itself answers: 401 without a token,
 * 400/413/415/422 for a body, 422 for query parameters, 500 and 503 anywhere. Every 4xx/5xx answer is the Problem schema.
 */
export function completeOpenApiDocument(document: OpenAPIObject): OpenAPIObject {
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, Problem: openApiSchemaOf(problemSchema, 'output') },
  };
  delete document.security; // per operation instead: a document-wide requirement would cover the public routes too
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation) completeOperation(operation as OperationObject & Record<string, unknown>);
    }
  }
  return document;
}

function completeOperation(operation: OperationObject & Record<string, unknown>): void {
  const isPublic = operation[PUBLIC_OPERATION_EXTENSION] === true;
  delete operation[PUBLIC_OPERATION_EXTENSION];
  const problems = new Set([500, 503]);
  if (!isPublic) {
    operation.security = [{ [BEARER_SCHEME]: [] }];
    problems.add(401);
  }
  if (operation.requestBody) [400, 413, 415, 422].forEach((status) => problems.add(status));
  const parameters = (operation.parameters ?? []) as ParameterObject[];
  if (parameters.some((parameter) => parameter.in === 'query')) problems.add(422);
  for (const status of problems) {
    operation.responses[status] ??= { description: PROBLEM_TITLES[status] ?? 'Problem' };
  }
  for (const [status, response] of Object.entries(operation.responses)) {
    if (Number(status) >= 400 && response && !('$ref' in response)) {
      response.content = { 'application/problem+json': { schema: { $ref: PROBLEM_REF } } };
    }
  }
}
