import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runWithCorrelationId } from './correlation-context';
import { JsonLogger } from './json-logger';

describe('the JSON logger', () => {
  let lines: Record<string, unknown>[];

  beforeEach(() => {
    lines = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      return true;
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it('writes structured lines for the relay and consumers, in their part of the service', () => {
    new JsonLogger('account', 'outbox-relay').warn('publish failed; retrying', { topic: 't', attempt: 2 });
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        service: 'account',
        context: 'outbox-relay',
        message: 'publish failed; retrying',
        topic: 't',
        attempt: 2,
      }),
    ]);
  });

  it("takes Nest's calls, with the class name Nest passes last as the context", () => {
    new JsonLogger('user').log('created the first analyst', 'AnalystBootstrap');
    new JsonLogger('user').error('boom', 'Error: boom\n    at x', 'ExceptionsHandler');
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', context: 'AnalystBootstrap', message: 'created the first analyst' }),
      expect.objectContaining({ level: 'error', context: 'ExceptionsHandler', details: ['Error: boom\n    at x'] }),
    ]);
  });

  it("stamps the correlation id of the request being served, unless the line names the event's own", () => {
    runWithCorrelationId('req-1', () => {
      new JsonLogger('account').info('request');
      new JsonLogger('account').info('published event', { correlationId: 'evt-chain' });
    });
    expect(lines.map((line) => line.correlationId)).toEqual(['req-1', 'evt-chain']);
  });
});
