import { describe, expect, it } from 'vitest';
import { importEmbeddedPostgres } from './postgres';

describe('importEmbeddedPostgres', () => {
  it('leaves no exit hook behind that could end the process with a code of its own', async () => {
    const events = ['beforeExit', 'exit', 'SIGINT', 'SIGTERM', 'SIGHUP'];
    const emitter: NodeJS.EventEmitter = process;
    const before = events.map((event) => emitter.listenerCount(event));

    const EmbeddedPostgres = await importEmbeddedPostgres();

    expect(typeof EmbeddedPostgres).toBe('function');
    // async-exit-hook's 'beforeExit' handler calls process.exit(0), which turned a failing test run green
    expect(events.map((event) => emitter.listenerCount(event))).toEqual(before);
  });
});
