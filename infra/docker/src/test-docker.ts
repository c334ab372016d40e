import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BankWalk, type BankUrls } from './bank-walk';
import { ComposeProject } from './compose-project';
import { DockerEngine } from './docker-engine';
import { runCommand } from './run-command';
import { TimedSteps } from './timed-steps';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const WORK = path.join(tmpdir(), 'microbank-test-docker');
const MINUTE = 60_000;

/**
 * Host ports of its own: `pnpm dev`'s stack and other test runs may hold the README's defaults on this machine.
 * The compose file publishes each on 127.0.0.1 and takes it from these variables.
 */
const PORTS = {
  MICROBANK_ZK_1_PORT: '12181',
  MICROBANK_ZK_2_PORT: '12182',
  MICROBANK_ZK_3_PORT: '12183',
  MICROBANK_KAFKA_1_PORT: '19092',
  MICROBANK_KAFKA_2_PORT: '19093',
  MICROBANK_KAFKA_3_PORT: '19094',
  MICROBANK_POSTGRES_PORT: '15432',
  MICROBANK_USER_PORT: '13001',
  MICROBANK_ACCOUNT_PORT: '13002',
  MICROBANK_CARD_PORT: '13003',
  MICROBANK_FRAUD_PORT: '13004',
  MICROBANK_REPORTING_PORT: '13005',
  MICROBANK_AUDIT_PORT: '13006',
  MICROBANK_DASHBOARD_PORT: '13007',
} as const;

const URLS: BankUrls = {
  user: `http://127.0.0.1:${PORTS.MICROBANK_USER_PORT}`,
  account: `http://127.0.0.1:${PORTS.MICROBANK_ACCOUNT_PORT}`,
  card: `http://127.0.0.1:${PORTS.MICROBANK_CARD_PORT}`,
  fraud: `http://127.0.0.1:${PORTS.MICROBANK_FRAUD_PORT}`,
};

/**
 * `pnpm test:docker`: the whole bank in docker compose, built from this repository and run for real. Installs and
 * starts the engine when needed, makes the base images when the official ones cannot be pulled, builds, starts and
 * waits for health, walks the README as a customer, the card network and the analyst, stops a broker and walks
 * again as a second customer, then always removes the containers and their volumes. Every step has a time limit.
 */
async function main(): Promise<void> {
  const steps = new TimedSteps();
  const engine = new DockerEngine(WORK);
  const envFile = path.join(WORK, 'compose.env');
  const compose = new ComposeProject({
    name: 'microbank-test-docker',
    composeFile: path.join(ROOT, 'docker-compose.yml'),
    envFile,
    env: PORTS,
  });
  await mkdir(WORK, { recursive: true });
  let failed = false;
  try {
    await steps.run('engine: docker and compose v2', 20 * MINUTE, async ({ progress, signal }) => {
      await engine.ensureRunning(progress, signal);
      await engine.ensureCompose(progress, signal);
    });
    await steps.run('secrets and base images', 20 * MINUTE, async ({ signal }) => {
      await runCommand(path.join(ROOT, 'infra/docker/write-env.sh'), [envFile], { signal, echo: true });
      await runCommand(path.join(ROOT, 'infra/docker/make-base-images.sh'), ['--env-file', envFile], {
        signal,
        echo: true,
      });
    });
    // a project left behind by an interrupted run would hold the ports and its old data
    await steps.run('remove an earlier run', 5 * MINUTE, ({ signal }) =>
      compose.run(['down', '-v', '--remove-orphans'], { signal }),
    );
    await steps.run('compose build', 45 * MINUTE, ({ signal }) => compose.run(['build'], { signal, echo: true }));
    await steps.run('compose up, until every container is healthy', 10 * MINUTE, async ({ progress, signal }) => {
      await compose.run(['up', '-d', '--wait', '--wait-timeout', '540'], { signal, echo: true });
      progress(await compose.states());
    });

    const walk = new BankWalk(URLS, await secretsFrom(envFile));
    await steps.run('the README walk as a first customer', 3 * MINUTE, ({ progress }) => walk.run('first', progress));
    await steps.run('stop the broker kafka-2', 2 * MINUTE, async ({ progress, signal }) => {
      await compose.run(['stop', 'kafka-2'], { signal });
      const states = await compose.states();
      assert.match(states, /^kafka-2\texited/m, 'kafka-2 is stopped');
      progress(states.split('\n').find((line) => line.startsWith('kafka-2')) ?? '');
    });
    await steps.run('the walk again with two of three brokers, as a second customer', 3 * MINUTE, ({ progress }) =>
      walk.run('second', progress),
    );
  } catch (error) {
    failed = true;
    console.error(`\n✗ ${error instanceof Error ? error.message : String(error)}`);
    await showFailure(compose);
  } finally {
    await steps
      .run('compose down -v', 5 * MINUTE, ({ signal }) => compose.run(['down', '-v', '--remove-orphans'], { signal }))
      .catch((error: unknown) => console.error(`could not remove the project: ${String(error)}`));
    if (engine.startedHere) await steps.run('stop the dockerd this run started', 2 * MINUTE, () => engine.stop());
  }
  console.log(`\n${failed ? 'FAILED' : 'PASSED'}\n${steps.summary()}`);
  process.exitCode = failed ? 1 : 0;
}

async function secretsFrom(envFile: string): Promise<{ analystPassword: string; cardNetworkKey: string }> {
  const text = await readFile(envFile, 'utf8');
  const value = (name: string) => {
    const found = new RegExp(`^${name}=(.*)$`, 'm').exec(text)?.[1];
    if (!found) throw new Error(`${name} is missing from ${envFile}`);
    return found;
  };
  return { analystPassword: value('ANALYST_PASSWORD'), cardNetworkKey: value('CARD_NETWORK_KEY') };
}

/** What a failed run needs to be understood: every container's state and the last lines of each one's log. */
async function showFailure(compose: ComposeProject): Promise<void> {
  console.error(`\ncontainers of ${compose.name}:\n${await compose.states()}`);
  const logs = await compose.run(['logs', '--no-color', '--tail', '30'], { allowFailure: true });
  console.error(`\nthe last lines of their logs:\n${logs.output}`);
}

void main();
