import { describe, expect, it } from 'vitest';
import { report } from './reconcile-cli';

const A = '0b6f1a8e-2c3d-4e5f-9a0b-1c2d3e4f5a6b';
const B = '7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f';
const T = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';

describe('the reconciliation report', () => {
  it('says so in one line when every account reconciles', () => {
    expect(report({ accounts: 3, messages: 10, undecodable: 0, mismatches: [], behind: [] })).toBe(
      'reconciled 3 accounts: every last statement balance equals its newest TransactionPosted\n',
    );
  });

  it('names every account that does not, with what was expected and found, and lag apart from mismatches', () => {
    const text = report({
      accounts: 3,
      messages: 10,
      undecodable: 1,
      mismatches: [
        {
          accountId: A,
          problem: 'balance',
          expected: { amountMinor: '117000', currency: 'JPY' },
          found: { amountMinor: '117001', currency: 'JPY' },
        },
        {
          accountId: B,
          problem: 'missing-line',
          expected: { amountMinor: '46750', currency: 'EUR' },
          transactionId: T,
          found: null,
        },
      ],
      behind: [{ accountId: B, transactionId: T, partition: 2, offset: 41n, behindBy: 3n }],
    });
    expect(text.split('\n')).toEqual([
      'not reconciled: 2 mismatch(es), 1 account(s) behind (of 3 accounts)',
      `mismatch ${A}: expected 117000 JPY, found 117001 JPY`,
      `mismatch ${B}: expected 467.50 EUR, missing line for transaction ${T} (last statement balance none)`,
      `behind ${B}: transaction ${T} (partition 2, offset 41) not consumed yet; the service is behind by 3 message(s) on that partition`,
      'note: 1 message(s) were no valid event (dead letters)',
      '',
    ]);
  });
});
