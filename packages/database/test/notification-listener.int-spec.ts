import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, stackConnections, waitFor, withPgClient, type TestDatabase } from '@microbank/testing';
import { NotificationListener } from '../src';

describe('NotificationListener', () => {
  let database: TestDatabase;
  let listener: NotificationListener;
  const received: string[] = [];
  let listening = 0;
  const lost: string[] = [];

  beforeAll(async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'no-migrations-'));
    database = await createTestDatabase(await stackConnections(), empty);
    await rm(empty, { recursive: true });
    listener = new NotificationListener({
      connectionString: database.url,
      channel: 'test_channel',
      applicationName: 'notification-listener-test',
      onNotification: (payload) => received.push(payload),
      onListening: () => listening++,
      onLost: (error) => lost.push(error.message),
      maxRetryMs: 1_000,
    });
    await listener.start();
  });

  afterAll(async () => {
    await listener?.stop();
    await database?.drop();
  });

  const notify = (payload: string) =>
    withPgClient(database.url, (client) => client.query(`SELECT pg_notify('test_channel', $1)`, [payload]));

  it('hears what is notified on its channel after it started', async () => {
    expect(listening).toBe(1);
    await notify('one');
    await waitFor(() => received.includes('one'), { timeoutMs: 10_000, what: 'the notification' });
  });

  it('listens again after its connection was cut, and says so, so the caller can look for what it missed', async () => {
    await withPgClient(database.url, (client) =>
      client.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'notification-listener-test'`,
      ),
    );
    await waitFor(() => lost.length === 1 && listening === 2, { timeoutMs: 15_000, what: 'the listener back' });
    await notify('two');
    await waitFor(() => received.includes('two'), { timeoutMs: 10_000, what: 'the notification after the cut' });
  });

  it('refuses a channel name that is not a plain identifier', () => {
    expect(
      () =>
        new NotificationListener({
          connectionString: database.url,
          channel: 'x; DROP TABLE y',
          applicationName: 'never',
          onNotification: () => undefined,
        }),
    ).toThrow(/plain channel name/);
  });
});
