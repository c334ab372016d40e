import path from 'node:path';
import { loadEnvFile } from '@microbank/config';

/**
 * The stack's folder, as infra/stack finds it: MICROBANK_STACK_DIR, or .stack at the repository root (this file
 * runs from services/reporting/dist/rebuild or src/rebuild).
 */
export function stackDir(env: NodeJS.ProcessEnv): string {
  return path.resolve(env.MICROBANK_STACK_DIR ?? path.join(__dirname, '..', '..', '..', '..', '.stack'));
}

/**
 * A bearer token of an analyst: REPORTING_TOKEN as given, or one the user service issues for ANALYST_EMAIL and
 * ANALYST_PASSWORD (from the environment, else from the stack's env/user.env, which `pnpm stack up` writes).
 */
export async function analystToken(env: NodeJS.ProcessEnv): Promise<string> {
  if (env.REPORTING_TOKEN) return env.REPORTING_TOKEN;
  const credentials = { ...env };
  const userEnv = path.join(stackDir(env), 'env', 'user.env');
  loadEnvFile(userEnv, credentials);
  const { ANALYST_EMAIL: email, ANALYST_PASSWORD: password } = credentials;
  if (!email || !password) {
    throw new Error(`no analyst credentials: set ANALYST_EMAIL and ANALYST_PASSWORD, or start the stack (${userEnv})`);
  }
  const userUrl = env.USER_URL ?? 'http://127.0.0.1:3001';
  const response = await reach(userUrl, 'the user service', `${userUrl}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`the user service refused the analyst's login (${response.status})`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** fetch, with a sentence instead of "fetch failed" when nothing listens at `baseUrl`. */
export async function reach(baseUrl: string, what: string, url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new Error(`${what} is not answering at ${baseUrl} (${why}): is it running? (pnpm dev starts it)`);
  }
}
