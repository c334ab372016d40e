import { z } from 'zod';
import type { User } from '../generated/prisma/client';

/** What the API shows of a user: never the password hash. */
export const userViewSchema = z.object({
  id: z.uuid(),
  email: z.email(),
  fullName: z.string(),
  country: z.string(),
  role: z.enum(['customer', 'analyst']),
  createdAt: z.iso.datetime(),
});
export type UserView = z.infer<typeof userViewSchema>;

export const toUserView = (user: User): UserView => ({
  id: user.id,
  email: user.email,
  fullName: user.fullName,
  country: user.country,
  role: user.role,
  createdAt: user.createdAt.toISOString(),
});
