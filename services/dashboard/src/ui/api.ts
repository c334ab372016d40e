/// <reference lib="dom" />
/// <reference lib="dom.asynciterable" />

const TOKEN_KEY = 'microbank.dashboard.token';

/** Thrown for an answer that is not 2xx; `status` tells a stale token (401) from a customer's (403). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

// the tab's session only: closing the tab logs out, and no other site's script can read it
export const storedToken = (): string | null => sessionStorage.getItem(TOKEN_KEY);
export const forgetToken = (): void => sessionStorage.removeItem(TOKEN_KEY);

async function problemOf(response: Response): Promise<string> {
  const body = (await response.json().catch(() => ({}))) as { detail?: string; title?: string };
  return body.detail ?? body.title ?? `HTTP ${response.status}`;
}

/** Logs in at the user service (its public POST /v1/auth/login) and keeps the access token for this tab. */
export async function logIn(loginUrl: string, email: string, password: string): Promise<void> {
  const response = await fetch(new URL('/v1/auth/login', loginUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  const { accessToken } = (await response.json()) as { accessToken: string };
  sessionStorage.setItem(TOKEN_KEY, accessToken);
}

/** GET one of the dashboard's own routes with the stored token. */
export async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { authorization: `Bearer ${storedToken() ?? ''}` } });
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  return (await response.json()) as T;
}

/**
 * An EventSource on one of the dashboard's streams. It cannot send headers, so the token travels as
 * `?access_token=` (the dashboard strips it from its logs); the browser resumes with Last-Event-ID by itself.
 */
export function openStream(path: string, params: Record<string, string> = {}): EventSource {
  const query = new URLSearchParams({ ...params, access_token: storedToken() ?? '' });
  return new EventSource(`${path}?${query.toString()}`);
}
