import path from 'node:path';
import { z } from 'zod';

export const PROFILES = ['full', 'lite'] as const;
export type ProfileName = (typeof PROFILES)[number];

const envSchema = z.object({
  MICROBANK_STACK_DIR: z.string().min(1).optional(),
  MICROBANK_PROFILE: z.enum(PROFILES).default('full'),
  // an existing PostgreSQL server to use instead of the embedded one, e.g. postgres://admin:secret@127.0.0.1:5432/postgres
  MICROBANK_POSTGRES_ADMIN_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  // an existing Kafka cluster (e.g. docker compose) to provision instead of starting ZooKeeper and brokers here
  MICROBANK_KAFKA_BROKERS: z
    .string()
    .regex(/^[\w.-]+:\d+(,[\w.-]+:\d+)*$/, 'host:port,host:port')
    .optional(),
  MICROBANK_ZOOKEEPER_CONNECT: z.string().min(1).optional(),
  MICROBANK_POSTGRES_PORT: z.coerce.number().int().min(1024).max(65535).default(55432),
  MICROBANK_KAFKA_HEAP: z
    .string()
    .regex(/^\d+[mg]$/, 'a JVM heap size such as 512m')
    .default('384m'),
  MICROBANK_ZOOKEEPER_HEAP: z
    .string()
    .regex(/^\d+[mg]$/, 'a JVM heap size such as 128m')
    .default('128m'),
  JAVA_HOME: z.string().min(1).optional(),
});

export interface StackConfig {
  readonly repoRoot: string;
  readonly stackDir: string;
  readonly profile: ProfileName;
  readonly postgresAdminUrl: string | undefined;
  readonly externalKafka:
    { readonly brokers: readonly string[]; readonly zookeeperConnect: string | undefined } | undefined;
  readonly postgresPort: number;
  readonly kafkaHeap: string;
  readonly zookeeperHeap: string;
  readonly java: string;
  readonly kafkaLibs: string;
  readonly kafkaPom: string;
}

/** The repository root: this file runs from infra/stack/dist or infra/stack/src. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export function loadStackConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: { profile?: ProfileName } = {},
): StackConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new StackError(`The stack's environment is invalid: ${problems}`);
  }
  const e = parsed.data;
  return {
    repoRoot: REPO_ROOT,
    stackDir: path.resolve(e.MICROBANK_STACK_DIR ?? path.join(REPO_ROOT, '.stack')),
    profile: overrides.profile ?? e.MICROBANK_PROFILE,
    postgresAdminUrl: e.MICROBANK_POSTGRES_ADMIN_URL,
    externalKafka: e.MICROBANK_KAFKA_BROKERS
      ? { brokers: e.MICROBANK_KAFKA_BROKERS.split(','), zookeeperConnect: e.MICROBANK_ZOOKEEPER_CONNECT }
      : undefined,
    postgresPort: e.MICROBANK_POSTGRES_PORT,
    kafkaHeap: e.MICROBANK_KAFKA_HEAP,
    zookeeperHeap: e.MICROBANK_ZOOKEEPER_HEAP,
    java: e.JAVA_HOME ? path.join(e.JAVA_HOME, 'bin', 'java') : 'java',
    kafkaLibs: path.join(REPO_ROOT, 'infra', 'kafka', 'libs'),
    kafkaPom: path.join(REPO_ROOT, 'infra', 'kafka', 'pom.xml'),
  };
}

/** A failure the CLI reports as one sentence (plus a log tail), without a stack trace. */
export class StackError extends Error {
  constructor(
    message: string,
    readonly details?: string,
  ) {
    super(message);
    this.name = 'StackError';
  }
}
