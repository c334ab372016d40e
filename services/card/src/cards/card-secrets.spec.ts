import { describe, expect, it } from 'vitest';
import type { CardConfig } from '../config';
import { CardSecrets } from './card-secrets';
import { isLuhnValid } from './luhn';

const secretsWith = (keys: { pan: string; cvc: string }) =>
  new CardSecrets({ CARD_BIN: '400000', CARD_PAN_KEY: keys.pan, CARD_CVC_KEY: keys.cvc } as CardConfig);

describe('CardSecrets', () => {
  const secrets = secretsWith({ pan: 'p'.repeat(32), cvc: 'c'.repeat(32) });

  it('draws 16-digit, Luhn-valid PANs in the BIN, and different ones', () => {
    const pans = Array.from({ length: 200 }, () => secrets.newPan());
    for (const pan of pans) {
      expect(pan).toMatch(/^400000\d{10}$/);
      expect(isLuhnValid(pan)).toBe(true);
    }
    expect(new Set(pans).size).toBe(pans.length);
  });

  it('hashes a PAN with its key: the same PAN gives the same hash, another key another one', () => {
    const pan = '4000001234567899';
    expect(secrets.panHash(pan)).toBe(secrets.panHash(pan));
    expect(secrets.panHash(pan)).toMatch(/^[0-9a-f]{64}$/);
    expect(secrets.panHash(pan)).not.toContain(pan);
    expect(secretsWith({ pan: 'q'.repeat(32), cvc: 'c'.repeat(32) }).panHash(pan)).not.toBe(secrets.panHash(pan));
  });

  it('derives the CVC again from PAN and expiry, and another expiry or key gives another one', () => {
    const pan = '4000001234567899';
    const cvc = secrets.cvcOf(pan, '2029-11');
    expect(cvc).toMatch(/^\d{3}$/);
    expect(secrets.cvcOf(pan, '2029-11')).toBe(cvc);
    // 1 in 1,000 collide by chance: compare over several expiries rather than one
    const others = ['2029-12', '2030-01', '2030-02', '2030-03'].map((expiry) => secrets.cvcOf(pan, expiry));
    expect(others.some((other) => other !== cvc)).toBe(true);
    const otherKey = secretsWith({ pan: 'p'.repeat(32), cvc: 'd'.repeat(32) });
    expect(['2029-11', '2029-12', '2030-01'].some((e) => otherKey.cvcOf(pan, e) !== secrets.cvcOf(pan, e))).toBe(true);
  });

  it('fingerprints a request with the PAN key, so the stored hash reveals neither the PAN nor the CVC', () => {
    const request = { pan: '4000001234567899', cvc: '123', amountMinor: 1050n };
    const hash = secrets.requestHash(request);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(secrets.requestHash({ ...request })).toBe(hash);
    expect(secrets.requestHash({ ...request, amountMinor: 1051n })).not.toBe(hash);
    expect(secretsWith({ pan: 'q'.repeat(32), cvc: 'c'.repeat(32) }).requestHash(request)).not.toBe(hash);
  });
});
