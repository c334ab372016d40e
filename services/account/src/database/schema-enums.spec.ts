import { CURRENCIES, TRANSACTION_KINDS_V2 } from '@microbank/contracts';
import { describe, expect, it } from 'vitest';
import { Currency, EntryKind } from '../generated/prisma/enums';

describe('the database enums', () => {
  // a currency the contracts accept but the database does not would fail only when money first moves in it
  it('hold exactly the currencies the contracts accept', () => {
    expect(Object.values(Currency).sort()).toEqual(Object.keys(CURRENCIES).sort());
  });

  it('store only kinds a TransactionPosted event can carry', () => {
    expect(TRANSACTION_KINDS_V2).toEqual(expect.arrayContaining(Object.values(EntryKind)));
  });
});
