import path from 'node:path';
import { fetchKafkaJars, kafkaJarsPresent, requireJava } from './kafka-jars';
import { ManagedProcess } from './managed-process';
import type { Profile } from './profiles';
import type { Reporter } from './reporter';
import type { StackConfig } from './stack-config';
import type { StackLayout } from './stack-layout';

export type JavaProcessKind = 'zookeeper' | 'kafka';

/** ZooKeeper nodes and Kafka brokers as JVM processes: the Java and jars they need, and how each is run. */
export class JavaProcesses {
  constructor(
    private readonly config: StackConfig,
    private readonly profile: Profile,
    private readonly layout: StackLayout,
    private readonly reporter: Reporter,
  ) {}

  /** Fails early without a usable Java; fetches the Kafka jars on the first run. */
  async prepare(): Promise<void> {
    requireJava(this.config.java);
    if (await kafkaJarsPresent(this.config)) return;
    await this.reporter.step('fetching the Kafka 3.9 jars from Maven Central (first run only)', () =>
      fetchKafkaJars(this.config, path.join(this.layout.logDir, 'maven.log')),
    );
  }

  process(name: string, kind: JavaProcessKind): ManagedProcess {
    const { config, layout } = this;
    const heap = kind === 'kafka' ? config.kafkaHeap : config.zookeeperHeap;
    const mainClass = kind === 'kafka' ? 'kafka.Kafka' : 'org.apache.zookeeper.server.quorum.QuorumPeerMain';
    const configFile = path.join(layout.confDir, kind === 'kafka' ? `${name}.properties` : `${name}.cfg`);
    const marker = `-Dmicrobank.stack=${this.profile.name}/${name}`;
    return new ManagedProcess(
      {
        name,
        command: config.java,
        args: [
          `-Xms${heap}`,
          `-Xmx${heap}`,
          // two cores shared by six JVMs: a serial collector and few compiler threads start fastest
          '-XX:+UseSerialGC',
          '-XX:CICompilerCount=2',
          '-Djava.awt.headless=true',
          '-Djava.net.preferIPv4Stack=true',
          `-Dlog4j.configuration=file:${path.join(layout.confDir, `log4j-${kind}.properties`)}`,
          marker,
          '-cp',
          path.join(config.kafkaLibs, '*'),
          mainClass,
          configFile,
        ],
        cwd: layout.home,
        marker,
      },
      layout.runDir,
      layout.logDir,
    );
  }
}
