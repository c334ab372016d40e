import { ConfigError } from '@microbank/config';
import { describe, expect, it } from 'vitest';
import { loadUserConfig } from './config';

const env = {
  DATABASE_URL: 'postgresql://user@127.0.0.1:55432/microbank_user',
  KAFKA_BROKERS: '127.0.0.1:9092',
  JWT_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA\n-----END PRIVATE KEY-----\n',
  JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n',
};

describe('the user service configuration', () => {
  it('trusts no proxy and allows ten signups per address by default', () => {
    expect(loadUserConfig(env)).toMatchObject({ TRUSTED_PROXIES: false, SIGNUPS_PER_ADDRESS: 10 });
  });

  it.each([
    ['', false],
    ['0', false],
    ['2', 2],
    [' 10.0.0.5 , 10.1.0.0/16,::1,fd00::/8', ['10.0.0.5', '10.1.0.0/16', '::1', 'fd00::/8']],
  ])('reads TRUSTED_PROXIES=%j as %j', (setting, trusted) => {
    expect(loadUserConfig({ ...env, TRUSTED_PROXIES: setting }).TRUSTED_PROXIES).toEqual(trusted);
  });

  it.each(['proxy.internal', '10.0.0.5,', '10.0.0.0/33', '11', 'true'])('refuses TRUSTED_PROXIES=%j', (setting) => {
    expect(() => loadUserConfig({ ...env, TRUSTED_PROXIES: setting })).toThrow(ConfigError);
    expect(() => loadUserConfig({ ...env, TRUSTED_PROXIES: setting })).toThrow(/TRUSTED_PROXIES/);
  });

  it('refuses a signup limit that is not a positive whole number', () => {
    expect(() => loadUserConfig({ ...env, SIGNUPS_PER_ADDRESS: '0' })).toThrow(/SIGNUPS_PER_ADDRESS/);
  });
});
