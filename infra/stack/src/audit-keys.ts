import { generateKeyPairSync } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The local audit service's checkpoint-signing key (Ed25519, PKCS#8 PEM), made once and kept: a new key would
 * leave every checkpoint signed so far unverifiable. Returns the key file's path.
 */
export async function ensureAuditSigningKey(dir: string): Promise<string> {
  const file = path.join(dir, 'audit-signing.pem');
  if (await readFile(file, 'utf8').catch(() => undefined)) return file;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  await writeFile(file, privateKey, { mode: 0o600 });
  return file;
}
