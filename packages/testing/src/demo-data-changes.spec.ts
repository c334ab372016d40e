import { describe, expect, it } from 'vitest';
import { demoDataChanges, type DemoDataSnapshot } from './demo-data-changes';

const before: DemoDataSnapshot = {
  offsets: { 'banking.signups/0': '12', 'banking.signups/1': '7', 'banking.signups.dlt/0': '0' },
  groups: { 'microbank.account.open-current-accounts banking.signups/0': '12' },
  tables: {
    'microbank_user.public.app_user': { rows: 150, digest: 'a1' },
    'microbank_account.public.account': { rows: 201, digest: 'b2' },
  },
};

describe('the demo data check', () => {
  it('finds nothing when the topics and tables are as they were', () => {
    expect(demoDataChanges(before, structuredClone(before))).toEqual([]);
  });

  it('names each partition whose end offset moved', () => {
    const after = { ...before, offsets: { ...before.offsets, 'banking.signups/1': '9', 'banking.signups.dlt/0': '1' } };

    expect(demoDataChanges(before, after)).toEqual([
      'banking.signups.dlt/0: end offset 0 → 1',
      'banking.signups/1: end offset 7 → 9',
    ]);
  });

  it("names a demo consumer group whose committed offset moved (a test consuming under the demo's group)", () => {
    const after = { ...before, groups: { 'microbank.account.open-current-accounts banking.signups/0': '13' } };

    expect(demoDataChanges(before, after)).toEqual([
      'microbank.account.open-current-accounts banking.signups/0: committed offset 12 → 13',
    ]);
  });

  it('names a table whose row count changed, and one whose rows changed in place', () => {
    const after = {
      ...before,
      tables: {
        'microbank_user.public.app_user': { rows: 152, digest: 'a2' },
        'microbank_account.public.account': { rows: 201, digest: 'b3' },
      },
    };

    expect(demoDataChanges(before, after)).toEqual([
      'microbank_account.public.account: rows changed (still 201)',
      'microbank_user.public.app_user: 150 → 152 rows',
    ]);
  });

  it('names topics, partitions and tables that appeared or disappeared', () => {
    const after: DemoDataSnapshot = {
      offsets: { 'banking.signups/0': '12', 'banking.signups/1': '7', 'banking.alerts/0': '0' },
      groups: before.groups,
      tables: {
        'microbank_user.public.app_user': { rows: 150, digest: 'a1' },
        'microbank_user.public.surprise': { rows: 0, digest: '' },
      },
    };

    expect(demoDataChanges(before, after)).toEqual([
      'banking.alerts/0: end offset none → 0',
      'banking.signups.dlt/0: end offset 0 → none',
      'microbank_account.public.account: dropped',
      'microbank_user.public.surprise: created',
    ]);
  });
});
