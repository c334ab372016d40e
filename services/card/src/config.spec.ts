import { ConfigError } from '@microbank/config';
import { describe, expect, it } from 'vitest';
import { loadCardConfig } from './config';

const PEM = '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n';
const REQUIRED = {
  DATABASE_URL: 'postgresql://card@127.0.0.1:55432/microbank_card',
  KAFKA_BROKERS: '127.0.0.1:9092',
  JWT_PUBLIC_KEY: PEM,
  CARD_PAN_KEY: 'p'.repeat(32),
  CARD_CVC_KEY: 'c'.repeat(32),
  CARD_NETWORK_KEY: 'n'.repeat(32),
};

describe('the card service configuration', () => {
  it('reads the variables with their defaults', () => {
    expect(loadCardConfig(REQUIRED)).toMatchObject({
      PORT: 3003,
      CARD_BIN: '400000',
      CARD_VALID_YEARS: 3,
      CARD_DEFAULT_PER_AUTHORIZATION: 1_000,
      CARD_DEFAULT_PER_DAY: 2_500,
      CARD_MAX_PER_AUTHORIZATION: 10_000,
      CARD_MAX_PER_DAY: 20_000,
      CARD_AUTHORIZATION_WAIT_MS: 2_000,
      CARD_AUTHORIZATION_TTL_SECONDS: 604_800,
      CARD_SAGA_SWEEP_MS: 10_000,
      CARD_SAGA_RESEND_SECONDS: 30,
    });
  });

  it('refuses short secrets, a BIN that is not six digits, and defaults above the maximums', () => {
    expect(() => loadCardConfig({ ...REQUIRED, CARD_PAN_KEY: 'short' })).toThrow(/CARD_PAN_KEY/);
    expect(() => loadCardConfig({ ...REQUIRED, CARD_BIN: '4000' })).toThrow(ConfigError);
    expect(() => loadCardConfig({ ...REQUIRED, CARD_DEFAULT_PER_DAY: '30000' })).toThrow(/CARD_DEFAULT_PER_DAY/);
  });
});
