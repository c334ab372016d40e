import { describe, expect, it } from 'vitest';
import { AccountOpenedV1, TransactionPostedV1 } from '@microbank/contracts';
import { TopicNames } from './topic-names';

describe('TopicNames', () => {
  it('routes each event to its contract topic, under the prefix', () => {
    const names = new TopicNames('test.abc.');

    expect(names.forEvent(TransactionPostedV1)).toBe('test.abc.banking.transactions');
    expect(names.forEvent(AccountOpenedV1)).toBe('test.abc.banking.accounts');
    expect(names.deadLetterOf(names.of('banking.transactions'))).toBe('test.abc.banking.transactions.dlt');
  });

  it('refuses an event that is not in the catalog', () => {
    expect(() => new TopicNames().forEvent({ type: 'MoneyPrinted', version: 1 })).toThrow(/not in the event catalog/);
  });
});
