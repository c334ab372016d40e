import { describe, expect, it } from 'vitest';
import {
  UnbalancedPostingError,
  assertBalanced,
  balanceAfter,
  depositPosting,
  transferPosting,
  withdrawalPosting,
  type Posting,
} from './ledger-posting';

const tx = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';

describe('ledger postings', () => {
  it('balance for deposits, withdrawals and transfers', () => {
    expect(() => assertBalanced(depositPosting(tx, 'EUR', 1050n, 'customer', 'clearing', null))).not.toThrow();
    expect(() => assertBalanced(withdrawalPosting(tx, 'EUR', 1050n, 'customer', 'clearing', null))).not.toThrow();
    const transfer = transferPosting(
      tx,
      'EUR',
      2500n,
      { id: 'a', iban: 'IBAN-A' },
      { id: 'b', iban: 'IBAN-B' },
      'Rent',
    );
    expect(() => assertBalanced(transfer)).not.toThrow();
    expect(transfer.legs.map((leg) => [leg.accountId, leg.direction, leg.kind, leg.counterpartyIban])).toEqual([
      ['a', 'debit', 'transfer_debit', 'IBAN-B'],
      ['b', 'credit', 'transfer_credit', 'IBAN-A'],
    ]);
  });

  it('credit the customer on a deposit and debit them on a withdrawal', () => {
    const deposit = depositPosting(tx, 'EUR', 100n, 'customer', 'clearing', null);
    expect(deposit.legs.find((leg) => leg.accountId === 'customer')?.direction).toBe('credit');
    const withdrawal = withdrawalPosting(tx, 'EUR', 100n, 'customer', 'clearing', null);
    expect(withdrawal.legs.find((leg) => leg.accountId === 'customer')?.direction).toBe('debit');
  });

  it('refuse a posting whose debits and credits differ', () => {
    const posting: Posting = {
      ...depositPosting(tx, 'EUR', 100n, 'customer', 'clearing', null),
      legs: [
        { accountId: 'clearing', direction: 'debit', amountMinor: 100n, kind: 'deposit', counterpartyIban: null },
        { accountId: 'customer', direction: 'credit', amountMinor: 101n, kind: 'deposit', counterpartyIban: null },
      ],
    };
    expect(() => assertBalanced(posting)).toThrow(UnbalancedPostingError);
  });

  it('refuse one-sided postings and non-positive legs', () => {
    const base = depositPosting(tx, 'EUR', 100n, 'customer', 'clearing', null);
    expect(() => assertBalanced({ ...base, legs: [base.legs[0]!] })).toThrow(UnbalancedPostingError);
    expect(() => assertBalanced(depositPosting(tx, 'EUR', 0n, 'customer', 'clearing', null))).toThrow(
      UnbalancedPostingError,
    );
  });

  it('move a balance up on a credit and down on a debit', () => {
    expect(balanceAfter(1000n, { direction: 'credit', amountMinor: 50n })).toBe(1050n);
    expect(balanceAfter(1000n, { direction: 'debit', amountMinor: 50n })).toBe(950n);
  });
});
