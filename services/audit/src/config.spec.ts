import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '@microbank/config';
import { describe, expect, it } from 'vitest';
import { loadAuditConfig, loadVerifyConfig } from './config';

const { privateKey, publicKey } = generateKeyPairSync('ed25519', {
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const REQUIRED = {
  DATABASE_URL: 'postgresql://audit@127.0.0.1:55432/microbank_audit',
  KAFKA_BROKERS: '127.0.0.1:9092',
  JWT_PUBLIC_KEY: publicKey,
  AUDIT_SIGNING_KEY: privateKey,
};

function without(env: Record<string, string>, ...names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !names.includes(name)));
}

describe('the audit service configuration', () => {
  it('reads the signing key and the checkpoint cadence with its defaults', () => {
    expect(loadAuditConfig(REQUIRED)).toMatchObject({
      PORT: 3006,
      AUDIT_SIGNING_KEY: privateKey,
      AUDIT_CHECKPOINT_EVERY: 1000,
      AUDIT_CHECKPOINT_SECONDS: 10,
    });
  });

  it('reads the signing key from AUDIT_SIGNING_KEY_FILE, as the stack hands it over', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'audit-config-'));
    try {
      const file = path.join(dir, 'audit-signing.pem');
      await writeFile(file, privateKey);
      const env = { ...without(REQUIRED, 'AUDIT_SIGNING_KEY'), AUDIT_SIGNING_KEY_FILE: file };
      expect(loadAuditConfig(env).AUDIT_SIGNING_KEY).toBe(privateKey);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names a missing or wrong key and a bad cadence', () => {
    expect(() => loadAuditConfig(without(REQUIRED, 'AUDIT_SIGNING_KEY'))).toThrow(/AUDIT_SIGNING_KEY/);
    expect(() => loadAuditConfig({ ...REQUIRED, AUDIT_SIGNING_KEY: publicKey })).toThrow(/PKCS#8/);
    expect(() => loadAuditConfig({ ...REQUIRED, AUDIT_CHECKPOINT_EVERY: '0' })).toThrow(ConfigError);
  });

  it('lets the verifier run on the public key alone, and refuses to run without any key', () => {
    const connections = without(REQUIRED, 'AUDIT_SIGNING_KEY', 'JWT_PUBLIC_KEY');
    expect(loadVerifyConfig({ ...connections, AUDIT_VERIFY_KEY: publicKey }).AUDIT_VERIFY_KEY).toBe(publicKey);
    expect(() => loadVerifyConfig(connections)).toThrow(/AUDIT_VERIFY_KEY/);
  });
});
