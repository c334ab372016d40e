import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { SignJWT, importPKCS8, type KeyLike } from 'jose';
import { z } from 'zod';
import type { Actor } from '@microbank/domain';
import { JWT_ALGORITHM, JWT_AUDIENCE, JWT_ISSUER } from '@microbank/http';
import { InjectConfig } from '@microbank/service-kit';
import type { UserConfig } from '../config';

export const accessTokenSchema = z.object({
  accessToken: z.string().describe('an EdDSA JWT; send it as `Authorization: Bearer <accessToken>`'),
  tokenType: z.literal('Bearer'),
  expiresIn: z.int().positive().describe('seconds'),
});
export type AccessToken = z.infer<typeof accessTokenSchema>;

/** Signs access tokens. Only this service holds the private key; every service verifies with the public one. */
@Injectable()
export class TokenIssuer {
  private key: Promise<KeyLike> | undefined;

  constructor(@InjectConfig() private readonly config: UserConfig) {}

  async issue(user: Actor & { email: string }): Promise<AccessToken> {
    this.key ??= importPKCS8(this.config.JWT_PRIVATE_KEY, JWT_ALGORITHM);
    const ttl = this.config.ACCESS_TOKEN_TTL_SECONDS;
    const accessToken = await new SignJWT({ email: user.email, role: user.role })
      .setProtectedHeader({ alg: JWT_ALGORITHM, typ: 'JWT' })
      .setSubject(user.userId)
      .setIssuer(JWT_ISSUER)
      .setAudience(JWT_AUDIENCE)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(`${ttl}s`)
      .sign(await this.key);
    return { accessToken, tokenType: 'Bearer', expiresIn: ttl };
  }
}
