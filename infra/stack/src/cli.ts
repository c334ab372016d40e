#!/usr/bin/env node
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { fetchKafkaJars, kafkaJarsPresent } from './kafka-jars';
import { builtServices } from './dev-services';
import { paintFor } from '@microbank/logging';
import { formatLogLine, serviceStyle } from './log-format';
import { ServiceSupervisor } from './service-supervisor';
import { APPS } from './services';
import { ConsoleReporter } from './reporter';
import { PROFILES, StackError, loadStackConfig, type ProfileName } from './stack-config';
import { Stack } from './stack';
import type { StackStatus } from './stack-status';
import path from 'node:path';

const USAGE = `Usage: pnpm stack <command> [options]

Commands:
  up [--profile full|lite]   start ZooKeeper, Kafka and PostgreSQL (idempotent) and provision topics and databases
  dev [--profile full|lite]  up, then run every built service in the foreground until Ctrl-C (pnpm dev)
  down [--wipe]              stop what 'up' started; --wipe also deletes the data
  status                     processes, the ZooKeeper leader, the active controller, partition leaders and ISR
  logs [name] [-f] [-n N]    the last N lines (default 40) of one process's log, or list the logs; -f follows
  fetch                      download the Kafka jars from Maven Central (up does this when needed)

The full profile is 3 ZooKeeper nodes and 3 brokers (replication 3, min.insync.replicas 2);
lite is 1 + 1 (replication 1) for tests that do not study replication.`;

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      profile: { type: 'string' },
      wipe: { type: 'boolean', default: false },
      follow: { type: 'boolean', short: 'f', default: false },
      lines: { type: 'string', short: 'n', default: '40' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, name] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return;
  }
  const profile = parseProfile(values.profile);
  const base = loadStackConfig();
  // without --profile, down/status/logs act on the stack that is up
  const config = loadStackConfig(process.env, {
    profile: profile ?? (await Stack.activeProfile(base)) ?? base.profile,
  });
  const reporter = new ConsoleReporter();
  const stack = new Stack(config, reporter);

  switch (command) {
    case 'up': {
      const started = Date.now();
      reporter.info(
        `Starting the ${config.profile} Microbank stack in ${path.relative(process.cwd(), config.stackDir) || '.'}`,
      );
      const connections = await stack.up();
      reporter.info(`\nReady in ${((Date.now() - started) / 1000).toFixed(1)}s.`);
      reporter.info(`  Kafka brokers   ${connections.kafka.brokers.join(', ')}`);
      reporter.info(`  ZooKeeper       ${connections.zookeeper.connect}`);
      reporter.info(`  PostgreSQL      ${redact(connections.postgres.adminUrl)}`);
      reporter.info(
        `  Connections     ${Stack.connectionsFile(config)} and ${path.join(config.stackDir, 'env')}/<service>.env`,
      );
      reporter.info(`See it with 'pnpm stack status'; stop it with 'pnpm stack down'.`);
      return;
    }
    case 'dev': {
      const connections = await stack.up();
      const names = await builtServices(config.repoRoot);
      if (names.length === 0) throw new StackError('No service is built: run `pnpm dev`, which builds them first.');
      const paint = paintFor(process.stdout);
      const supervisor = new ServiceSupervisor(config.repoRoot, names, reporter, {
        echoLogs: false,
        // readable lines here; the services still write JSON, as they do in containers and log files
        onLine: (name, line) => {
          const prefix = paint(serviceStyle(name, APPS), `${name.padEnd(9)} │ `);
          if (line !== '') process.stdout.write(`${formatLogLine(prefix, line, paint)}\n`);
        },
      });
      // listened for before anything starts: a Ctrl-C while the services start must still stop them
      let stopping = false;
      const stopRequested = new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      }).then(() => (stopping = true));
      supervisor.start();
      await Promise.race([supervisor.waitUntilReady(), stopRequested]);
      if (!stopping) {
        reporter.info(`\nMicrobank is running on Kafka ${connections.kafka.brokers.join(', ')}:`);
        for (const service of supervisor.services())
          reporter.info(`  ${service.name.padEnd(9)} ${service.url}   API docs ${service.url}/docs`);
        reporter.info(
          'Try it: README.md, "Call the API". A service that dies is restarted; Ctrl-C stops them all, and the ' +
            'stack keeps running (pnpm stack down).',
        );
      }
      await stopRequested;
      reporter.info('stopping the services…');
      await supervisor.stop();
      return;
    }
    case 'down':
      await stack.down({ wipe: values.wipe });
      reporter.info(values.wipe ? 'Stopped; data deleted.' : 'Stopped; data kept (add --wipe to delete it).');
      return;
    case 'status':
      printStatus(await stack.status());
      return;
    case 'logs':
      await showLogs(stack, name, Number.parseInt(values.lines, 10) || 40, values.follow);
      return;
    case 'fetch':
      if (await kafkaJarsPresent(config)) {
        reporter.info(`The Kafka jars are already in ${config.kafkaLibs}.`);
        return;
      }
      await reporter.step('fetching the Kafka 3.9 jars from Maven Central', () =>
        fetchKafkaJars(config, path.join(config.stackDir, 'maven.log')),
      );
      return;
    default:
      throw new StackError(`Unknown command '${command}'.\n\n${USAGE}`);
  }
}

function parseProfile(value: string | undefined): ProfileName | undefined {
  if (value === undefined) return undefined;
  if ((PROFILES as readonly string[]).includes(value)) return value as ProfileName;
  throw new StackError(`Unknown profile '${value}': use ${PROFILES.join(' or ')}.`);
}

function printStatus(status: StackStatus): void {
  const out: string[] = [
    `Microbank stack, ${status.profile} profile`,
    '',
    'PROCESS     PID      ADDRESS           ROLE',
  ];
  for (const p of status.processes) {
    const role = p.role ?? (p.name.startsWith('kafka-') ? brokerRole(p.name, status) : '');
    out.push(`${p.name.padEnd(12)}${String(p.pid ?? 'stopped').padEnd(9)}${p.address.padEnd(18)}${role}`);
  }
  out.push('');
  const managesZooKeeper = status.processes.some((p) => p.name.startsWith('zk-'));
  out.push(
    `ZooKeeper leader:   ${managesZooKeeper ? (status.zookeeperLeader ?? 'none (no quorum)') : 'not managed here (external cluster)'}`,
  );
  out.push(
    `Active controller:  ${status.controllerId == null ? 'none (Kafka unreachable)' : `broker ${status.controllerId}`}`,
  );
  out.push(`Brokers registered: ${status.brokerIds.length ? status.brokerIds.join(', ') : 'none'}`);
  if (status.topics.length) {
    out.push('', 'TOPIC / PARTITION              LEADER  REPLICAS   ISR');
    for (const topic of status.topics) {
      out.push(topic.name);
      for (const p of topic.partitions) {
        const leader = p.leader >= 0 ? String(p.leader) : 'none';
        out.push(
          `  partition ${String(p.partition).padEnd(19)}${leader.padEnd(8)}${p.replicas.join(',').padEnd(11)}${p.isr.join(',')}`,
        );
      }
    }
  }
  console.log(out.join('\n'));
}

function brokerRole(name: string, status: StackStatus): string {
  const id = Number(name.slice('kafka-'.length));
  if (!status.brokerIds.includes(id)) return 'not registered';
  return status.controllerId === id ? 'controller' : 'broker';
}

async function showLogs(stack: Stack, name: string | undefined, lines: number, follow: boolean): Promise<void> {
  if (!name) {
    const processes = await stack.processes();
    console.log('Logs (pnpm stack logs <name>):');
    for (const p of processes) console.log(`  ${p.name.padEnd(10)} ${p.logFile}`);
    const logDir = path.dirname(processes[0]!.logFile);
    const extra = (await readdir(logDir).catch(() => [])).filter((f) => !processes.some((p) => `${p.name}.log` === f));
    for (const file of extra) console.log(`  ${''.padEnd(10)} ${path.join(logDir, file)}`);
    return;
  }
  const proc = await stack.process(name);
  if (!follow) {
    console.log(await proc.logTail(lines));
    return;
  }
  await new Promise<void>((resolve) => {
    spawn('tail', ['-n', String(lines), '-F', proc.logFile], { stdio: 'inherit' }).once('close', () => resolve());
  });
}

function redact(url: string): string {
  return url.replace(/:[^:@/]+@/, ':***@');
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof StackError) {
    console.error(`\n${error.message}`);
    if (error.details) console.error(error.details.replace(/^/gm, '  │ '));
  } else {
    console.error(`\nThe stack command failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exitCode = 1;
});
