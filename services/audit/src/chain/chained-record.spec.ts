import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalBytes, chainHash, GENESIS_HASH, type ChainedRecord } from './chained-record';
import { checkpointSignatureValid, publicKeyOf, signCheckpoint } from './checkpoint-signature';

const RECORD: ChainedRecord = {
  sequence: '1',
  topic: 'banking.accounts',
  partition: 0,
  offset: '7',
  kafkaTimestamp: '2026-05-01T09:30:01.000Z',
  key: 'acc-1',
  headers: { 'event-type': 'AccountOpened' },
  eventId: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  eventType: 'AccountOpened',
  eventVersion: 1,
  source: 'account',
  aggregateId: 'acc-1',
  correlationId: 'corr-1',
  causationId: null,
  occurredAt: '2026-05-01T09:30:00.123Z',
  payload: { accountId: 'acc-1', amount: { currency: 'EUR', amountMinor: '100' } },
  rawValue: null,
  recordedAt: '2026-05-01T09:30:02.000Z',
};

describe('the hash chain', () => {
  it('hashes the same record the same way whatever order its JSON keys come back in (jsonb reorders them)', () => {
    const reordered = { ...RECORD, payload: { amount: { amountMinor: '100', currency: 'EUR' }, accountId: 'acc-1' } };
    expect(canonicalBytes(reordered).equals(canonicalBytes(RECORD))).toBe(true);
  });

  it('changes the hash when any one stored field changes, the sequence included', () => {
    const base = chainHash(GENESIS_HASH, RECORD);
    const changes: Partial<ChainedRecord>[] = [
      { sequence: '2' },
      { offset: '8' },
      { partition: 1 },
      { key: null },
      { headers: {} },
      { correlationId: 'corr-2' },
      { occurredAt: '2026-05-01T09:30:00.124Z' },
      { payload: { accountId: 'acc-1', amount: { currency: 'EUR', amountMinor: '101' } } },
      { rawValue: '' },
      { recordedAt: '2026-05-01T09:30:02.001Z' },
    ];
    for (const change of changes) {
      expect(chainHash(GENESIS_HASH, { ...RECORD, ...change }).equals(base), JSON.stringify(change)).toBe(false);
    }
  });

  it('links each record to the one before: the same record after another previous hash has another hash', () => {
    const first = chainHash(GENESIS_HASH, RECORD);
    const second = { ...RECORD, sequence: '2', offset: '8' };

    expect(chainHash(first, second).equals(chainHash(GENESIS_HASH, second))).toBe(false);
    expect(first).toHaveLength(32);
  });

  it('tells a null field from a missing one no differently: both are stored as NULL', () => {
    const withoutCausation = Object.fromEntries(Object.entries(RECORD).filter(([name]) => name !== 'causationId'));
    expect(canonicalBytes(withoutCausation as unknown as ChainedRecord).equals(canonicalBytes(RECORD))).toBe(true);
  });
});

describe('checkpoint signatures', () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const claim = { sequence: '1000', headHash: 'ab'.repeat(32) };

  it('verify with the public half of the signing key', () => {
    expect(checkpointSignatureValid(claim, signCheckpoint(claim, privateKey), publicKeyOf(privateKey))).toBe(true);
  });

  it('fail for another sequence, another head hash or another key', () => {
    const signature = signCheckpoint(claim, privateKey);
    const other = generateKeyPairSync('ed25519').publicKey;

    expect(checkpointSignatureValid({ ...claim, sequence: '1001' }, signature, publicKeyOf(privateKey))).toBe(false);
    expect(checkpointSignatureValid({ ...claim, headHash: 'cd'.repeat(32) }, signature, publicKeyOf(privateKey))).toBe(
      false,
    );
    expect(checkpointSignatureValid(claim, signature, other)).toBe(false);
  });
});
