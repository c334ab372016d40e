import { brokerList, parseEnv, pemFrom, port, postgresUrl } from '@microbank/config';
import { loadServiceConfig, serviceEnvSchema } from '@microbank/service-kit';
import { z } from 'zod';

const privatePem = (name: string) =>
  z
    .string({ error: `set ${name} (an Ed25519 PKCS#8 PEM) or ${name}_FILE (its path)` })
    .includes('BEGIN PRIVATE KEY', { error: 'must be a PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----)' });

export const auditEnvSchema = serviceEnvSchema.extend({
  PORT: port(3006),
  /** Signs the checkpoints (Ed25519); its public half verifies them. */
  AUDIT_SIGNING_KEY: privatePem('AUDIT_SIGNING_KEY'),
  /** A checkpoint every this many records… */
  AUDIT_CHECKPOINT_EVERY: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  /** …or after this many seconds, if records were appended since the last one. */
  AUDIT_CHECKPOINT_SECONDS: z.coerce.number().min(0.1).max(3600).default(10),
});

export type AuditConfig = z.infer<typeof auditEnvSchema>;

/** The service's configuration, read once at start; throws a ConfigError naming every bad variable. */
export function loadAuditConfig(env: NodeJS.ProcessEnv = process.env): AuditConfig {
  return loadServiceConfig(auditEnvSchema, env, ['AUDIT_SIGNING_KEY']);
}

/** What `audit verify` reads: the database, Kafka, and the key that checks the checkpoints' signatures. */
export const verifyEnvSchema = z
  .object({
    DATABASE_URL: postgresUrl,
    KAFKA_BROKERS: brokerList,
    KAFKA_TOPIC_PREFIX: serviceEnvSchema.shape.KAFKA_TOPIC_PREFIX,
    // the public key alone is enough; else it is derived from the signing key
    AUDIT_VERIFY_KEY: z
      .string()
      .includes('BEGIN PUBLIC KEY', { error: 'must be a PEM public key (-----BEGIN PUBLIC KEY-----)' })
      .optional(),
    AUDIT_SIGNING_KEY: privatePem('AUDIT_SIGNING_KEY').optional(),
  })
  .refine((env) => env.AUDIT_VERIFY_KEY !== undefined || env.AUDIT_SIGNING_KEY !== undefined, {
    error: 'set AUDIT_VERIFY_KEY(_FILE) or AUDIT_SIGNING_KEY(_FILE): the checkpoints cannot be checked without a key',
    path: ['AUDIT_VERIFY_KEY'],
  });

export type VerifyConfig = z.infer<typeof verifyEnvSchema>;

export function loadVerifyConfig(env: NodeJS.ProcessEnv = process.env): VerifyConfig {
  const keys: Record<string, string | undefined> = {};
  for (const name of ['AUDIT_VERIFY_KEY', 'AUDIT_SIGNING_KEY']) {
    try {
      keys[name] = pemFrom(env, name);
    } catch {
      keys[name] = undefined; // an unreadable key file is reported as a missing key
    }
  }
  return parseEnv(verifyEnvSchema, { ...env, ...keys });
}
