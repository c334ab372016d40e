import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '@microbank/contracts';
import { runReconcileCli } from '../src/reconcile/reconcile-cli';
import { ReportingTestApp, type TestAccount } from './reporting-test-app';

const at = (iso: string) => new Date(iso);

/** Runs `pnpm reporting reconcile` in this process against the test's own database and topics. */
async function reconcile(app: ReportingTestApp, args: string[] = []): Promise<{ status: number; out: string }> {
  let out = '';
  const status = await runReconcileCli(args, app.cliEnv, {
    out: { write: (text: string) => (out += text) },
    err: { write: () => true },
  });
  return { status, out };
}

describe('pnpm reporting reconcile', () => {
  let app: ReportingTestApp;
  let accounts: TestAccount[];

  beforeAll(async () => {
    app = await ReportingTestApp.start();
    accounts = [
      await app.account(at('2026-04-01T08:00:00Z')),
      await app.account(at('2026-04-02T08:00:00Z'), { currency: 'JPY' }),
      await app.account(at('2026-04-03T08:00:00Z')),
    ];
    const [eur, jpy, other] = accounts as [TestAccount, TestAccount, TestAccount];
    const events: EventEnvelope[] = [
      await app.post(eur, at('2026-04-05T10:00:00Z'), { kind: 'deposit', amountMinor: 50000n, version: 1 }),
      await app.post(eur, at('2026-04-06T10:00:00Z'), { kind: 'card_payment', amountMinor: 1250n, version: 1 }),
      await app.post(eur, at('2026-05-01T10:00:00Z'), { kind: 'withdrawal', amountMinor: 2000n }),
      await app.post(jpy, at('2026-04-05T10:00:00Z'), { kind: 'deposit', amountMinor: 120000n }),
      await app.post(jpy, at('2026-04-07T10:00:00Z'), {
        kind: 'transfer_debit',
        amountMinor: 3000n,
        reference: 'Rent',
      }),
      await app.post(other, at('2026-04-08T10:00:00Z'), { kind: 'transfer_credit', amountMinor: 700n }),
    ];
    await app.handled(...events);
  });

  afterAll(() => app?.stop());

  it('passes when every last statement balance equals the newest TransactionPosted', async () => {
    const { status, out } = await reconcile(app);
    expect(out).toBe('reconciled 3 accounts: every last statement balance equals its newest TransactionPosted\n');
    expect(status).toBe(0);
  });

  it('fails naming the account whose last statement line was changed behind its back', async () => {
    const [eur, jpy] = accounts as [TestAccount, TestAccount];
    await app.db.query(
      `UPDATE statement_line SET balance_after_minor = balance_after_minor + 1
       WHERE account_id = $1 AND line_no = (SELECT max(line_no) FROM statement_line WHERE account_id = $1)`,
      [jpy.accountId],
    );
    try {
      const { status, out } = await reconcile(app);
      expect(out).toBe(
        'not reconciled: 1 mismatch(es), 0 account(s) behind (of 3 accounts)\n' +
          `mismatch ${jpy.accountId}: expected 117000 JPY, found 117001 JPY\n`,
      );
      expect(status).toBe(1);
      expect(out).not.toContain(eur.accountId);
    } finally {
      await app.db.query(
        `UPDATE statement_line SET balance_after_minor = balance_after_minor - 1
         WHERE account_id = $1 AND line_no = (SELECT max(line_no) FROM statement_line WHERE account_id = $1)`,
        [jpy.accountId],
      );
    }
  });

  it('reports a posting the service has not consumed yet as lag, not as a mismatch, and passes once it has', async () => {
    const other = accounts[2]!;
    // the service's insert of the line waits behind this lock: the posting is in the log, not yet in the statement
    const blocker = new Client({ connectionString: app.cliEnv.DATABASE_URL });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE statement_line IN EXCLUSIVE MODE');
      const late = await app.post(other, at('2026-05-02T10:00:00Z'), { kind: 'withdrawal', amountMinor: 200n });
      const { transactionId } = late.payload as { transactionId: string };
      const { status, out } = await reconcile(app, ['--wait-seconds', '1']);
      expect(out).toMatch(
        new RegExp(
          `^not reconciled: 0 mismatch\\(es\\), 1 account\\(s\\) behind \\(of 3 accounts\\)\n` +
            `behind ${other.accountId}: transaction ${transactionId} \\(partition \\d, offset \\d+\\) not consumed yet; ` +
            `the service is behind by [1-9]\\d* message\\(s\\) on that partition\n$`,
        ),
      );
      expect(status).toBe(1);
      await blocker.query('COMMIT');
      await app.handled(late);
      expect(await reconcile(app)).toEqual({
        status: 0,
        out: 'reconciled 3 accounts: every last statement balance equals its newest TransactionPosted\n',
      });
    } finally {
      await blocker.end();
    }
  });

  it('never reports an account as reconciled when its newest posting has no statement line', async () => {
    const [eur] = accounts as [TestAccount];
    const { rows } = await app.db.query<{ event_id: string }>(
      `DELETE FROM statement_line WHERE account_id = $1
       AND line_no = (SELECT max(line_no) FROM statement_line WHERE account_id = $1) RETURNING event_id`,
      [eur.accountId],
    );
    expect(rows).toHaveLength(1);
    const { status, out } = await reconcile(app, ['--wait-seconds', '1']);
    expect(status).toBe(1);
    // lost after the service consumed it, or (if its consumer has not committed past it yet) still awaited
    expect(out).toMatch(new RegExp(`^(mismatch|behind) ${eur.accountId}: `, 'm'));
    expect(out).not.toContain('reconciled 3 accounts');
  });

  it('rejects a bad --wait-seconds with its usage', async () => {
    const { status, out } = await reconcile(app, ['--wait-seconds', 'soon']);
    expect(status).toBe(2);
    expect(out).toContain('Usage: pnpm reporting reconcile');
  });
});
