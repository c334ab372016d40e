import { brokerList, parseEnv, pemFrom, port, postgresUrl } from '@microbank/config';
import { z } from 'zod';

const proxyAddress = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()]);

/** `2` (a hop count) or `10.0.0.5,10.1.0.0/16` (the proxies' addresses and CIDRs); unset or `0` trusts none. */
const trustedProxies = z
  .string()
  .default('')
  .transform((value, ctx): false | number | string[] => {
    const setting = value.trim();
    if (setting === '') return false;
    if (/^\d+$/.test(setting)) {
      const hops = Number(setting);
      if (hops <= 10) return hops || false;
      ctx.addIssue({ code: 'custom', message: 'a hop count of at most 10' });
      return z.NEVER;
    }
    const entries = setting.split(',').map((entry) => entry.trim());
    const invalid = entries.filter((entry) => !proxyAddress.safeParse(entry).success);
    if (invalid.length === 0) return entries;
    ctx.addIssue({ code: 'custom', message: `a hop count, or IP addresses and CIDRs (not ${invalid.join(', ')})` });
    return z.NEVER;
  });

const schema = z.object({
  DATABASE_URL: postgresUrl,
  KAFKA_BROKERS: brokerList,
  // tests give each run topics of its own
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[\w.-]*$/)
    .default(''),
  PORT: port(3001),
  JWT_PRIVATE_KEY: z
    .string()
    .includes('PRIVATE KEY', { message: 'a PKCS#8 PEM (JWT_PRIVATE_KEY or JWT_PRIVATE_KEY_FILE)' }),
  JWT_PUBLIC_KEY: z.string().includes('PUBLIC KEY', { message: 'an SPKI PEM (JWT_PUBLIC_KEY or JWT_PUBLIC_KEY_FILE)' }),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
  // the first analyst (bank staff) is created from configuration; the public API only makes customers
  ANALYST_EMAIL: z.email().optional(),
  ANALYST_PASSWORD: z.string().min(12).optional(),
  // the client address is read from X-Forwarded-For only as far as these proxies vouch for it
  TRUSTED_PROXIES: trustedProxies,
  // signups one client address may make per 15 minutes
  SIGNUPS_PER_ADDRESS: z.coerce.number().int().min(1).max(1000).default(10),
});

export type UserConfig = z.infer<typeof schema>;

export function loadUserConfig(env: NodeJS.ProcessEnv = process.env): UserConfig {
  return parseEnv(schema, {
    ...env,
    JWT_PRIVATE_KEY: pemFrom(env, 'JWT_PRIVATE_KEY'),
    JWT_PUBLIC_KEY: pemFrom(env, 'JWT_PUBLIC_KEY'),
  });
}

export const USER_CONFIG = Symbol('USER_CONFIG');
