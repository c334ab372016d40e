import { SERVED_COUNTRIES, isServedCountry, plainText } from '@microbank/contracts';
import { z } from 'zod';

export const signUpSchema = z.strictObject({
  email: z.email().max(254),
  password: z.string().min(12, 'at least 12 characters').max(128),
  fullName: plainText(200),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, { message: 'an ISO 3166-1 alpha-2 country code, e.g. GB', abort: true })
    .refine(isServedCountry, { message: 'a country Microbank serves', params: { rule: 'served_country' } })
    // the refinement is invisible to JSON Schema; the document lists the countries instead
    .meta({ enum: Object.keys(SERVED_COUNTRIES) }),
});

export type SignUpDto = z.infer<typeof signUpSchema>;
