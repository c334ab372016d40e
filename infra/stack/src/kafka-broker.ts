import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { KafkaBroker, Profile } from './profiles';
import { zookeeperConnect } from './zookeeper';

/** Writes server.properties for one broker; returns its path. */
export async function writeBrokerConfig(
  profile: Profile,
  broker: KafkaBroker,
  dataRoot: string,
  confDir: string,
): Promise<string> {
  const logDirs = path.join(dataRoot, broker.name);
  await mkdir(logDirs, { recursive: true });
  await mkdir(confDir, { recursive: true });
  const rf = profile.replicationFactor;
  const minIsr = profile.minInsyncReplicas;
  const lines = [
    `# ${broker.name}: written by 'pnpm stack up' on every start; edit infra/stack/src/kafka-broker.ts instead`,
    `broker.id=${broker.id}`,
    `listeners=PLAINTEXT://127.0.0.1:${broker.port}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${broker.port}`,
    `zookeeper.connect=${zookeeperConnect(profile)}`,
    // a killed broker's znode goes away after this, so failover takes seconds, not the 18s default
    'zookeeper.session.timeout.ms=6000',
    'zookeeper.connection.timeout.ms=30000',
    `log.dirs=${logDirs}`,
    // topics are provisioned explicitly from @microbank/contracts, never by a typo in a producer
    'auto.create.topics.enable=false',
    'delete.topic.enable=true',
    'num.partitions=3',
    `default.replication.factor=${rf}`,
    `min.insync.replicas=${minIsr}`,
    'unclean.leader.election.enable=false',
    `offsets.topic.replication.factor=${rf}`,
    'offsets.topic.num.partitions=10',
    `transaction.state.log.replication.factor=${rf}`,
    `transaction.state.log.min.isr=${minIsr}`,
    'transaction.state.log.num.partitions=10',
    'group.initial.rebalance.delay.ms=0',
    // sized for a 2-core laptop or CI machine running three brokers and three ZooKeeper nodes
    'num.network.threads=2',
    'num.io.threads=2',
    'background.threads=2',
    'num.replica.fetchers=1',
    'num.recovery.threads.per.data.dir=1',
    'log.cleaner.threads=1',
    'log.retention.hours=168',
    'log.segment.bytes=67108864',
  ];
  const file = path.join(confDir, `${broker.name}.properties`);
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

/** log4j 1.x configuration: everything to stdout, which the stack sends to the process's log file. */
export async function writeLog4jConfig(confDir: string, kind: 'kafka' | 'zookeeper'): Promise<string> {
  await mkdir(confDir, { recursive: true });
  const file = path.join(confDir, `log4j-${kind}.properties`);
  const quieter =
    kind === 'kafka'
      ? [
          // the broker's ZooKeeper client is chatty about every session event
          'log4j.logger.org.apache.zookeeper=WARN',
          'log4j.logger.state.change.logger=WARN',
        ]
      : [];
  await writeFile(
    file,
    [
      'log4j.rootLogger=INFO, stdout',
      'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
      'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
      'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
      ...quieter,
      '',
    ].join('\n'),
  );
  return file;
}
