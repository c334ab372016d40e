import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface LocalJwtKeys {
  readonly privateKeyFile: string;
  readonly publicKeyFile: string;
  readonly analystPassword: string;
}

/** The local stack's token-signing key pair (Ed25519) and first analyst's password, made once and kept. */
export async function ensureJwtKeys(dir: string): Promise<LocalJwtKeys> {
  const privateKeyFile = path.join(dir, 'jwt-private.pem');
  const publicKeyFile = path.join(dir, 'jwt-public.pem');
  const analystFile = path.join(dir, 'analyst-password');
  const existing = await readFile(analystFile, 'utf8').catch(() => undefined);
  if (existing) return { privateKeyFile, publicKeyFile, analystPassword: existing.trim() };
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const { publicKey, privateKey } = generateKeyPairSync('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const analystPassword = randomBytes(12).toString('base64url');
  await writeFile(privateKeyFile, privateKey, { mode: 0o600 });
  await writeFile(publicKeyFile, publicKey);
  await writeFile(analystFile, `${analystPassword}\n`, { mode: 0o600 });
  return { privateKeyFile, publicKeyFile, analystPassword };
}
