import type { Actor } from '@microbank/domain';

export { ROLES } from '@microbank/domain';
export type { Role } from '@microbank/domain';

/** Who is calling, from a verified access token; controllers hand services the Actor part. */
export interface AuthUser extends Actor {
  readonly email: string;
  /** When the caller's token expires (ms since the epoch): a long-lived answer such as a stream ends there. */
  readonly tokenExpiresAtMs: number;
}

/** Access tokens: EdDSA (Ed25519) only, signed by the user service, read by every service. */
export const JWT_ALGORITHM = 'EdDSA';
export const JWT_ISSUER = 'microbank-user';
export const JWT_AUDIENCE = 'microbank';
