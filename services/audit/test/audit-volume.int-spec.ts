import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Topics } from '@microbank/contracts';
import { AuditTestApp } from './audit-test-app';

const BURST = 3_000;

// A burst on one partition, read in batches of up to thousands of records, with the timer out of the way: every
// checkpoint here is one the count signed.
describe('a burst of records', () => {
  let app: AuditTestApp;

  beforeAll(async () => {
    app = await AuditTestApp.start({ AUDIT_CHECKPOINT_EVERY: '1000', AUDIT_CHECKPOINT_SECONDS: '3600' });
  });

  afterAll(() => app?.stop());

  it('is appended whole and checkpointed at every thousand records without waiting for the timer', async () => {
    // one key, so one partition: large batches, each appended in one transaction
    const key = randomUUID();
    await app.produceMany(
      Topics.transactions,
      Array.from({ length: BURST }, (_, n) => ({ key, value: `record ${n}` })),
    );

    await app.appended(BURST);
    await app.checkpointed(BURST);
    const signed = app.checkpoints().map((c) => Number(c.payload.sequence));
    expect(signed.every((sequence) => sequence >= 1000)).toBe(true);
    expect(await app.verify()).toMatchObject({ ok: true, records: BURST, lastCheckpoint: { sequence: String(BURST) } });
  });
});
