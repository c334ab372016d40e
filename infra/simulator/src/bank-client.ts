import { randomUUID } from 'node:crypto';
import { NoAnswerError } from './no-answer.error';

export type ServiceName = 'user' | 'account' | 'card' | 'fraud';
export const SERVICES: readonly ServiceName[] = ['user', 'account', 'card', 'fraud'];

export interface Reply<T = unknown> {
  readonly status: number;
  readonly body: T;
}

export interface RequestInit {
  /** a customer's or analyst's bearer token, or the card network's key */
  readonly bearer?: string;
  readonly body?: unknown;
  /** money-moving POSTs carry a fresh Idempotency-Key */
  readonly idempotent?: boolean;
  /** instead of the client's timeout: a signup or login hashes a password, slow on a busy machine */
  readonly timeoutMs?: number;
}

/** The bank's public REST APIs as a client sees them, one base URL per service, every request under a timeout. */
export class BankClient {
  /** Every request sent, answered or not. */
  requests = 0;

  constructor(
    readonly urls: Readonly<Record<ServiceName, string>>,
    private readonly timeoutMs: number,
  ) {}

  async call<T = unknown>(
    service: ServiceName,
    method: string,
    path: string,
    init: RequestInit = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = {};
    if (init.bearer) headers.authorization = `Bearer ${init.bearer}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.idempotent) headers['idempotency-key'] = randomUUID();
    this.requests++;
    const url = `${this.urls[service]}${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: AbortSignal.timeout(init.timeoutMs ?? this.timeoutMs),
      });
    } catch (error) {
      throw new NoAnswerError(`${method} ${url}: ${whyNoAnswer(error)}`);
    }
    const text = await response.text();
    return { status: response.status, body: (text ? parseJson(text) : null) as T };
  }

  /** Which services do not answer their liveness probe, each with why. */
  async unreachable(): Promise<string[]> {
    const answers = await Promise.all(
      SERVICES.map(async (service) => {
        try {
          const reply = await this.call(service, 'GET', '/health/live');
          return reply.status === 200 ? null : `${service} (${this.urls[service]}) answered ${reply.status}`;
        } catch (error) {
          return `${service} (${this.urls[service]}): ${(error as Error).message.split(': ').at(-1)}`;
        }
      }),
    );
    return answers.filter((a): a is string => a !== null);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function whyNoAnswer(error: unknown): string {
  const { name, message, cause } = error as { name?: string; message?: string; cause?: { code?: string } };
  if (name === 'TimeoutError') return 'no answer within the timeout';
  return cause?.code ?? message ?? String(error);
}
