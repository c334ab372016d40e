export const ROLES = ['customer', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

/** Who asks for a change: a customer acts on their own things, an analyst (bank staff) reads anyone's. */
export interface Actor {
  readonly userId: string;
  readonly role: Role;
}
