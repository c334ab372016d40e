/** The parts of an OpenAPI 3 document the contract tests read. */
export interface OpenApiDocument {
  readonly paths: Record<string, Record<string, OpenApiOperation>>;
  readonly components?: { readonly schemas?: Record<string, OpenApiSchema> };
  readonly security?: readonly Record<string, string[]>[];
}

export interface OpenApiOperation {
  readonly security?: readonly Record<string, string[]>[];
  readonly parameters?: readonly { name: string; in: string; required?: boolean; schema?: OpenApiSchema }[];
  readonly requestBody?: { content: Record<string, { schema: OpenApiSchema }> };
  readonly responses: Record<string, { content?: Record<string, { schema?: OpenApiSchema }> }>;
}

export interface OpenApiSchema {
  readonly [keyword: string]: unknown;
  readonly properties?: Record<string, OpenApiSchema>;
  readonly items?: OpenApiSchema;
}

const PROBLEM_REF = '#/components/schemas/Problem';
const PROBLEM_FIELDS = ['type', 'title', 'status', 'detail', 'instance', 'correlationId', 'errors'];

/** Every operation of the document, keyed "METHOD /path". */
export function operationsOf(document: OpenApiDocument): Map<string, OpenApiOperation> {
  return new Map(
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => [`${method.toUpperCase()} ${path}`, operation] as const),
    ),
  );
}

/** The operations a caller may use without credentials, sorted. */
export function publicOperationsOf(document: OpenApiDocument): string[] {
  return [...operationsOf(document)]
    .filter(([, operation]) => (operation.security ?? document.security ?? []).length === 0)
    .map(([key]) => key)
    .sort();
}

/**
 * What a client generator or fuzzer would miss: an operation without a JSON success body schema or without
 * problem answers, a secured one that does not say it answers 401, a 4xx/5xx answer that is not the shared
 * Problem, a Problem schema without RFC 9457's fields and Microbank's. Empty when the document is complete.
 */
export function contractGapsOf(document: OpenApiDocument): string[] {
  const gaps: string[] = [];
  const problem = document.components?.schemas?.Problem;
  const missing = PROBLEM_FIELDS.filter((field) => !problem?.properties?.[field]);
  if (missing.length) gaps.push(`Problem schema lacks ${missing.join(', ')}`);
  const fieldError = problem?.properties?.errors?.items?.properties ?? {};
  if (!['field', 'rule', 'message'].every((field) => field in fieldError)) {
    gaps.push('Problem.errors items lack field, rule or message');
  }
  for (const [key, operation] of operationsOf(document)) {
    const statuses = Object.keys(operation.responses);
    const success = statuses.filter((status) => /^2\d\d$/.test(status));
    // a stream of Server-Sent Events documents its text/event-stream instead
    const documented = (status: string) =>
      ['application/json', 'text/event-stream'].some((type) => operation.responses[status]?.content?.[type]?.schema);
    if (!success.some(documented)) {
      gaps.push(`${key}: no JSON schema for its 2xx answer`);
    }
    const problems = statuses.filter((status) => /^[45]\d\d$/.test(status));
    if (problems.length === 0) gaps.push(`${key}: no problem answers`);
    for (const status of problems) {
      const schema = operation.responses[status]?.content?.['application/problem+json']?.schema;
      if (schema?.$ref !== PROBLEM_REF) gaps.push(`${key}: ${status} is not an application/problem+json Problem`);
    }
    const secured = (operation.security ?? document.security ?? []).length > 0;
    if (secured && !statuses.includes('401')) gaps.push(`${key}: needs a token but does not document 401`);
  }
  return gaps;
}
