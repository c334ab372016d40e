import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CannotRunError } from './cannot-run.error';
import { settingsFrom } from './simulator-options';
import { UsageError } from './usage.error';

// a stack folder as `pnpm stack up` leaves it: the analyst's login and the card network's key
const stackDir = mkdtempSync(path.join(tmpdir(), 'simulator-stack-'));
mkdirSync(path.join(stackDir, 'env'));
mkdirSync(path.join(stackDir, 'keys'));
writeFileSync(
  path.join(stackDir, 'env', 'user.env'),
  'ANALYST_EMAIL=analyst@microbank.local\nANALYST_PASSWORD=from the stack file\n',
);
writeFileSync(path.join(stackDir, 'keys', 'card-keys.json'), JSON.stringify({ networkKey: 'network-key-from-file' }));
const env = { MICROBANK_STACK_DIR: stackDir };

afterAll(() => rmSync(stackDir, { recursive: true, force: true }));

describe('settingsFrom', () => {
  it('defaults to the pnpm dev ports, 24 customers, a quarter of them fraudsters, 60 s', () => {
    expect(settingsFrom([], env)).toEqual({
      seed: 1,
      customers: 24,
      rate: 5,
      fraudRate: 0.25,
      durationSeconds: 60,
      requestTimeoutMs: 10_000,
      settleMs: 30_000,
      urls: {
        user: 'http://127.0.0.1:3001',
        account: 'http://127.0.0.1:3002',
        card: 'http://127.0.0.1:3003',
        fraud: 'http://127.0.0.1:3004',
      },
      networkKey: 'network-key-from-file',
      analyst: { email: 'analyst@microbank.local', password: 'from the stack file' },
    });
  });

  it('takes the flags, and the base URLs from the environment (docker compose, tests)', () => {
    const settings = settingsFrom(
      ['--customers', '50', '--rate', '2.5', '--fraud-rate', '0.1', '--seed', '99', '--duration', '600'],
      { ...env, FRAUD_URL: 'http://fraud:3004/', USER_URL: 'http://localhost:4001' },
    );
    expect(settings).toMatchObject({ customers: 50, rate: 2.5, fraudRate: 0.1, seed: 99, durationSeconds: 600 });
    expect(settings).toMatchObject({ urls: { fraud: 'http://fraud:3004', user: 'http://localhost:4001' } });
  });

  it('prefers credentials from the environment over the stack files', () => {
    const settings = settingsFrom([], {
      ...env,
      ANALYST_EMAIL: 'a@b.c',
      ANALYST_PASSWORD: 'twelve chars!',
      CARD_NETWORK_KEY: 'k',
    });
    expect(settings).toMatchObject({ networkKey: 'k', analyst: { email: 'a@b.c', password: 'twelve chars!' } });
  });

  it('answers help', () => {
    expect(settingsFrom(['--help'], env)).toBe('help');
  });

  it.each([
    [['--fraud-rate', '1.5'], /--fraud-rate/],
    [['--customers', '0'], /--customers/],
    [['--duration', 'soon'], /--duration/],
    [['--rate', '-1'], /--rate/],
    [['--speed', '3'], /speed/],
  ])('refuses %j, naming the flag', (argv, message) => {
    expect(() => settingsFrom(argv, env)).toThrow(UsageError);
    expect(() => settingsFrom(argv, env)).toThrow(message);
  });

  it('refuses a base URL that is not one, naming the variable', () => {
    expect(() => settingsFrom([], { ...env, CARD_URL: 'card:3003' })).toThrow(/CARD_URL/);
  });

  it('cannot run without the analyst login or the network key, and says where it looked', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'simulator-empty-'));
    try {
      expect(() => settingsFrom([], { MICROBANK_STACK_DIR: empty })).toThrow(CannotRunError);
      expect(() => settingsFrom([], { MICROBANK_STACK_DIR: empty })).toThrow(path.join(empty, 'env', 'user.env'));
      expect(() =>
        settingsFrom([], { MICROBANK_STACK_DIR: empty, ANALYST_EMAIL: 'a@b.c', ANALYST_PASSWORD: 'x' }),
      ).toThrow(/CARD_NETWORK_KEY/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
