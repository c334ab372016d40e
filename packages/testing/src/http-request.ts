export interface TestRequest {
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Sent as is, with a JSON content type (for malformed bodies). */
  readonly rawBody?: string;
  /** A bearer token. */
  readonly token?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** One real HTTP request to a service under test, the way a client sends it. */
export function httpRequest(
  baseUrl: string,
  method: string,
  path: string,
  request: TestRequest = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.body !== undefined || request.rawBody !== undefined) headers['content-type'] ??= 'application/json';
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  return fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: request.rawBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body)),
  });
}
