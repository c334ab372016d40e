import { generateKeyPairSync } from 'node:crypto';
import { SignJWT, importPKCS8 } from 'jose';
import { describe, expect, it } from 'vitest';
import { JwtVerifier } from './jwt-verifier';

const { publicKey, privateKey } = generateKeyPairSync('ed25519', {
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const T0 = Date.UTC(2026, 10, 27, 12, 0, 0);

async function token(claims: { exp?: number; role?: string } = {}): Promise<string> {
  const jwt = new SignJWT({ email: 'ada@example.com', role: claims.role ?? 'customer' })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' })
    .setSubject('7d1f0a52-3c1e-4c9a-9d1b-0c6f2f5f8e11')
    .setIssuer('microbank-user')
    .setAudience('microbank')
    .setIssuedAt(T0 / 1000);
  if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
  return jwt.sign(await importPKCS8(privateKey, 'EdDSA'));
}

describe('JwtVerifier', () => {
  it('accepts a valid token again from memory, and refuses it from the second it expires', async () => {
    let now = T0;
    const verifier = new JwtVerifier(publicKey, () => now);
    const accessToken = await token({ exp: T0 / 1000 + 900 });

    expect(await verifier.verify(accessToken)).toEqual({
      userId: '7d1f0a52-3c1e-4c9a-9d1b-0c6f2f5f8e11',
      email: 'ada@example.com',
      role: 'customer',
      tokenExpiresAtMs: T0 + 900_000,
    });
    now = T0 + 899_999;
    expect(await verifier.verify(accessToken)).toMatchObject({ role: 'customer' });
    now = T0 + 900_000;
    expect(await verifier.verify(accessToken)).toBeUndefined();
  });

  it('does not let a remembered token vouch for a tampered copy of it', async () => {
    const verifier = new JwtVerifier(publicKey, () => T0);
    const accessToken = await token({ exp: T0 / 1000 + 900 });
    expect(await verifier.verify(accessToken)).toBeDefined();

    const [header, , signature] = accessToken.split('.');
    const analyst = Buffer.from(
      JSON.stringify({ sub: 'x', email: 'eve@example.com', role: 'analyst', exp: T0 / 1000 + 900 }),
    ).toString('base64url');
    expect(await verifier.verify(`${header}.${analyst}.${signature}`)).toBeUndefined();
  });

  it('refuses a token without an expiry or with an unknown role', async () => {
    const verifier = new JwtVerifier(publicKey, () => T0);
    expect(await verifier.verify(await token({ role: 'admin', exp: T0 / 1000 + 900 }))).toBeUndefined();
    expect(await verifier.verify(await token())).toBeUndefined();
    expect(await verifier.verify(await token({ exp: T0 / 1000 + 900 }))).toMatchObject({ role: 'customer' });
  });
});
