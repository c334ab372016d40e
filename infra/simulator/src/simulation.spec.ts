import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CannotRunError } from './cannot-run.error';
import { simulate, type SimulationSettings } from './simulation';

describe('simulate, when the bank is not all there', () => {
  let alive: Server;
  let closedPort: number;

  beforeAll(async () => {
    // one service that answers its liveness probe, and a port nothing listens on for the others
    alive = createServer((_, response) => response.writeHead(200).end('{}'));
    await new Promise<void>((resolve) => alive.listen(0, '127.0.0.1', resolve));
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    closedPort = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
  });

  afterAll(async () => {
    await new Promise((resolve) => alive.close(resolve));
  });

  it('cannot run, and names every service that does not answer, before sending anything else', async () => {
    const up = `http://127.0.0.1:${(alive.address() as AddressInfo).port}`;
    const down = `http://127.0.0.1:${closedPort}`;
    let printed = '';
    const settings: SimulationSettings = {
      seed: 1,
      customers: 2,
      rate: 1,
      fraudRate: 0,
      durationSeconds: 1,
      urls: { user: up, account: down, card: up, fraud: down },
      networkKey: 'key',
      analyst: { email: 'a@b.c', password: 'a long password' },
      requestTimeoutMs: 2_000,
      settleMs: 0,
      out: { write: (text: string) => (printed += text) },
    };
    const failure = simulate(settings);
    await expect(failure).rejects.toThrow(CannotRunError);
    await expect(failure).rejects.toThrow(
      `not answering: account (${down}): ECONNREFUSED; fraud (${down}): ECONNREFUSED`,
    );
    expect(printed).toBe('');
  });
});
