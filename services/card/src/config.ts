import { port } from '@microbank/config';
import { loadServiceConfig, serviceEnvSchema } from '@microbank/service-kit';
import { z } from 'zod';

const secret = z.string().min(32, 'at least 32 characters of random secret');
const majorUnits = z.coerce.number().int().positive();

export const cardEnvSchema = serviceEnvSchema
  .extend({
    PORT: port(3003),
    /** The first six digits of every PAN this bank issues: a test range, never a real issuer's. */
    CARD_BIN: z
      .string()
      .regex(/^\d{6}$/, 'six digits')
      .default('400000'),
    /** Keys the PAN hash the database stores instead of the PAN (an HMAC: unguessable without the key). */
    CARD_PAN_KEY: secret,
    /** Derives each card's CVC from its PAN and expiry, as an issuer's CVK does: the CVC is never stored. */
    CARD_CVC_KEY: secret,
    CARD_VALID_YEARS: z.coerce.number().int().min(1).max(10).default(3),
    // in major units of the card's currency, so one setting fits every currency
    CARD_DEFAULT_PER_AUTHORIZATION: majorUnits.default(1_000),
    CARD_DEFAULT_PER_DAY: majorUnits.default(2_500),
    CARD_MAX_PER_AUTHORIZATION: majorUnits.default(10_000),
    CARD_MAX_PER_DAY: majorUnits.default(20_000),
    /** The card network's credential for /v1/card-authorizations (sent as `Authorization: Bearer <key>`). */
    CARD_NETWORK_KEY: secret,
    /** How long an authorization call waits for the account's answer before it says 202 pending (real issuers: ~2 s). */
    CARD_AUTHORIZATION_WAIT_MS: z.coerce.number().int().min(0).max(30_000).default(2_000),
    /** An approved authorization not captured within this many seconds expires and its hold is released. */
    CARD_AUTHORIZATION_TTL_SECONDS: z.coerce
      .number()
      .int()
      .positive()
      .default(7 * 24 * 60 * 60),
    /** How often the saga sweep expires authorizations past their time and re-sends unanswered steps. */
    CARD_SAGA_SWEEP_MS: z.coerce.number().int().min(100).default(10_000),
    /** A step the account has not answered within this many seconds is asked again. */
    CARD_SAGA_RESEND_SECONDS: z.coerce.number().int().min(1).default(30),
  })
  .refine((c) => c.CARD_DEFAULT_PER_AUTHORIZATION <= c.CARD_MAX_PER_AUTHORIZATION, {
    path: ['CARD_DEFAULT_PER_AUTHORIZATION'],
    message: 'must not exceed CARD_MAX_PER_AUTHORIZATION',
  })
  .refine((c) => c.CARD_DEFAULT_PER_DAY <= c.CARD_MAX_PER_DAY, {
    path: ['CARD_DEFAULT_PER_DAY'],
    message: 'must not exceed CARD_MAX_PER_DAY',
  });

export type CardConfig = z.infer<typeof cardEnvSchema>;

/** The service's configuration, read once at start; throws a ConfigError naming every bad variable. */
export function loadCardConfig(env: NodeJS.ProcessEnv = process.env): CardConfig {
  return loadServiceConfig(cardEnvSchema, env);
}
