export const ROLES = ['customer', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, from a verified access token. */
export interface AuthUser {
  readonly userId: string;
  readonly email: string;
  readonly role: Role;
}

/** Access tokens: EdDSA (Ed25519) only, signed by the user service, read by every service. */
export const JWT_ALGORITHM = 'EdDSA';
export const JWT_ISSUER = 'microbank-user';
export const JWT_AUDIENCE = 'microbank';
