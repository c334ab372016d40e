import type { User } from '../generated/prisma/client';

/** What the API shows of a user: never the password hash. */
export interface UserView {
  readonly id: string;
  readonly email: string;
  readonly fullName: string;
  readonly country: string;
  readonly role: 'customer' | 'analyst';
  readonly createdAt: string;
}

export const toUserView = (user: User): UserView => ({
  id: user.id,
  email: user.email,
  fullName: user.fullName,
  country: user.country,
  role: user.role,
  createdAt: user.createdAt.toISOString(),
});
