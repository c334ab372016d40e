import { importSPKI, jwtVerify, type KeyLike } from 'jose';
import { JWT_ALGORITHM, JWT_AUDIENCE, JWT_ISSUER, ROLES, type AuthUser, type Role } from './auth-user';

/** Verifies access tokens with the user service's public key; the algorithm is pinned, so `alg: none` never passes. */
export class JwtVerifier {
  private key: Promise<KeyLike> | undefined;

  constructor(private readonly publicKeyPem: string) {}

  async verify(token: string): Promise<AuthUser | undefined> {
    this.key ??= importSPKI(this.publicKeyPem, JWT_ALGORITHM);
    try {
      const { payload } = await jwtVerify(token, await this.key, {
        algorithms: [JWT_ALGORITHM],
        issuer: JWT_ISSUER,
        audience: JWT_AUDIENCE,
      });
      const role = payload.role as Role;
      if (typeof payload.sub !== 'string' || typeof payload.email !== 'string' || !ROLES.includes(role))
        return undefined;
      return { userId: payload.sub, email: payload.email, role };
    } catch {
      return undefined; // expired, tampered, wrong key or algorithm: all the same 401
    }
  }
}
