import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '@microbank/stack';
import type { StartedDockerComposeEnvironment } from 'testcontainers';

const run = promisify(execFile);

/** The infrastructure services of docker-compose.yml; the bank's own services are what the tests start. */
const INFRA = ['zk-1', 'zk-2', 'zk-3', 'kafka-1', 'kafka-2', 'kafka-3', 'postgres'] as const;

/** Host ports of their own, beside `pnpm dev`'s stack (the README's ports) and `pnpm test:docker`'s. */
const PORTS = {
  MICROBANK_ZK_1_PORT: '22181',
  MICROBANK_ZK_2_PORT: '22182',
  MICROBANK_ZK_3_PORT: '22183',
  MICROBANK_KAFKA_1_PORT: '29192',
  MICROBANK_KAFKA_2_PORT: '29193',
  MICROBANK_KAFKA_3_PORT: '29194',
  MICROBANK_POSTGRES_PORT: '25432',
} as const;

/**
 * MICROBANK_TEST_INFRA=containers: ZooKeeper, Kafka and PostgreSQL from docker-compose.yml, started through
 * testcontainers' compose support instead of the local stack. `env` is what points the stack code (and so the
 * tests) at them: an external Kafka and PostgreSQL, and a stack folder of their own for the connections file.
 */
export class ComposeInfra {
  private constructor(
    private readonly environment: StartedDockerComposeEnvironment,
    readonly env: Readonly<Record<string, string>>,
  ) {}

  static async start(): Promise<ComposeInfra> {
    const stackDir = path.join(REPO_ROOT, '.stack', 'containers');
    const envFile = path.join(stackDir, 'compose.env');
    // the same secrets file and base images `pnpm test:docker` uses (stand-ins where no registry is reachable)
    await run(path.join(REPO_ROOT, 'infra/docker/write-env.sh'), [envFile]);
    await run(path.join(REPO_ROOT, 'infra/docker/make-base-images.sh'), ['--env-file', envFile], {
      maxBuffer: 16 * 1024 * 1024,
    });
    // loaded only here: a run on the local stack never needs testcontainers
    const { DockerComposeEnvironment, Wait } = await import('testcontainers');
    const password = /^POSTGRES_PASSWORD=(.*)$/m.exec(await readFile(envFile, 'utf8'))?.[1];
    if (!password) throw new Error(`POSTGRES_PASSWORD is missing from ${envFile}`);
    let compose = new DockerComposeEnvironment(REPO_ROOT, 'docker-compose.yml')
      .withProjectName('microbank-tests')
      .withEnvironmentFile(envFile)
      .withEnvironment(PORTS)
      .withStartupTimeout(600_000);
    for (const service of INFRA) compose = compose.withWaitStrategy(`${service}-1`, Wait.forHealthCheck());
    const environment = await compose.up([...INFRA]);
    return new ComposeInfra(environment, {
      MICROBANK_STACK_DIR: stackDir,
      MICROBANK_KAFKA_BROKERS: onHost(
        PORTS.MICROBANK_KAFKA_1_PORT,
        PORTS.MICROBANK_KAFKA_2_PORT,
        PORTS.MICROBANK_KAFKA_3_PORT,
      ),
      MICROBANK_ZOOKEEPER_CONNECT: `${onHost(PORTS.MICROBANK_ZK_1_PORT, PORTS.MICROBANK_ZK_2_PORT, PORTS.MICROBANK_ZK_3_PORT)}/microbank`,
      MICROBANK_POSTGRES_ADMIN_URL: `postgresql://postgres:${password}@127.0.0.1:${PORTS.MICROBANK_POSTGRES_PORT}/postgres`,
    });
  }

  /** Removes the containers and their volumes: every run starts from empty topics and databases. */
  async stop(): Promise<void> {
    await this.environment.down({ removeVolumes: true, timeout: 30_000 });
  }
}

/** The published ports as a host:port list (compose publishes them on 127.0.0.1 only). */
function onHost(...ports: string[]): string {
  return ports.map((port) => `127.0.0.1:${port}`).join(',');
}
