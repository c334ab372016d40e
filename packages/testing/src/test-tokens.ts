import { generateKeyPairSync } from 'node:crypto';
import { SignJWT, importPKCS8 } from 'jose';

export interface TestKeys {
  readonly publicKey: string;
  readonly privateKey: string;
}

/** A fresh Ed25519 key pair (PEM), so tests can mint tokens the services' guards verify. */
export function testKeys(): TestKeys {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { publicKey, privateKey };
}

export interface TestTokenClaims {
  readonly userId: string;
  readonly email: string;
  readonly role: 'customer' | 'analyst';
}

/** An access token as the user service issues it (EdDSA, issuer microbank-user, audience microbank). */
export async function signTestToken(
  privateKey: string,
  claims: TestTokenClaims,
  options: { expiresIn?: string | number } = {},
): Promise<string> {
  return new SignJWT({ email: claims.email, role: claims.role })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuer('microbank-user')
    .setAudience('microbank')
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '15m')
    .sign(await importPKCS8(privateKey, 'EdDSA'));
}
