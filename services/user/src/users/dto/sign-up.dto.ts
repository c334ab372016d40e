import { z } from 'zod';

export const signUpSchema = z.strictObject({
  email: z.email().max(254),
  password: z.string().min(12, 'at least 12 characters').max(128),
  fullName: z.string().trim().min(1).max(200),
  country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 country code, e.g. GB'),
});

export type SignUpDto = z.infer<typeof signUpSchema>;
