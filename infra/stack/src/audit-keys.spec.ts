import { createPrivateKey } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureAuditSigningKey } from './audit-keys';

describe('ensureAuditSigningKey', () => {
  let dir: string | undefined;
  afterEach(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

  it('makes an Ed25519 key once and keeps it: checkpoints signed before must stay verifiable', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'audit-keys-'));
    const file = await ensureAuditSigningKey(dir);
    const first = await readFile(file, 'utf8');
    expect(createPrivateKey(first).asymmetricKeyType).toBe('ed25519');

    expect(await ensureAuditSigningKey(dir)).toBe(file);
    expect(await readFile(file, 'utf8')).toBe(first);
  });
});
