import type { JavaProcesses } from './java-processes';
import { writeLog4jConfig } from './kafka-broker';
import type { ManagedProcess } from './managed-process';
import { START_TIMEOUT_MS, failIfDied, startIfStopped } from './process-start';
import type { Profile } from './profiles';
import type { Reporter } from './reporter';
import type { StackLayout } from './stack-layout';
import { waitFor } from './wait-for';
import { fourLetterWord, writeZooKeeperConfig, zookeeperMode } from './zookeeper';

/** The profile's ZooKeeper nodes, started until they form a quorum with one leader. */
export class ZooKeeperEnsemble {
  constructor(
    private readonly profile: Profile,
    private readonly layout: StackLayout,
    private readonly jvm: JavaProcesses,
    private readonly reporter: Reporter,
  ) {}

  processes(): ManagedProcess[] {
    return this.profile.zookeepers.map((node) => this.jvm.process(node.name, 'zookeeper'));
  }

  async start(): Promise<void> {
    const nodes = this.profile.zookeepers;
    await this.reporter.step(
      `starting ZooKeeper (${nodes.length} node${nodes.length > 1 ? 's' : ''})`,
      async (progress) => {
        await writeLog4jConfig(this.layout.confDir, 'zookeeper');
        const started: ManagedProcess[] = [];
        for (const node of nodes) {
          await writeZooKeeperConfig(this.profile, node, this.layout.dataDir, this.layout.confDir);
          const zookeeper = this.jvm.process(node.name, 'zookeeper');
          if (await startIfStopped(zookeeper, [node.clientPort, node.peerPort, node.electionPort]))
            started.push(zookeeper);
        }
        const ensemble = nodes.length > 1;
        await waitFor(
          async () => {
            const modes = await Promise.all(nodes.map((node) => zookeeperMode(node)));
            const ok = await Promise.all(nodes.map((node) => fourLetterWord(node.clientPort, 'ruok').catch(() => '')));
            progress(
              `${ok.filter((answer) => answer === 'imok').length}/${nodes.length} answer ruok, modes: ${modes.join(', ')}`,
            );
            const leaders = modes.filter((mode) => mode === 'leader').length;
            return ensemble
              ? leaders === 1 && modes.every((mode) => mode === 'leader' || mode === 'follower')
              : modes[0] === 'standalone';
          },
          {
            timeoutMs: START_TIMEOUT_MS,
            what: 'a ZooKeeper quorum with one leader',
            onPending: () => failIfDied(started),
          },
        );
      },
    );
  }
}
