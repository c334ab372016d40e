import type { Admin } from 'kafkajs';
import { describeCluster, describeTopics, isHealthy, waitFor, zookeeperMode, type Stack } from '@microbank/stack';
import type { ChaosWorld } from './chaos-world';

/** A fault in place: `repair` undoes it (restarts what was killed). */
export interface InjectedFault {
  /** What was done, for the report, e.g. "SIGKILL kafka-2 (leader of 1 partition)". */
  readonly what: string;
  repair(): Promise<void>;
}

export interface FaultContext {
  readonly stack: Stack;
  readonly world: ChaosWorld;
  readonly admin: Admin;
}

/** SIGKILLs the broker that leads a partition the relay writes to (a different partition each round). */
export async function killRelayPartitionLeader(ctx: FaultContext, round: number): Promise<InjectedFault> {
  const [topic] = await describeTopics(ctx.admin, [ctx.world.transactionsTopic]);
  const partition = topic!.partitions[round % topic!.partitions.length]!;
  const led = topic!.partitions.filter((p) => p.leader === partition.leader).length;
  return killBroker(ctx, partition.leader, `leader of ${led} of ${topic!.partitions.length} partitions`);
}

/** SIGKILLs the active controller. */
export async function killController(ctx: FaultContext): Promise<InjectedFault> {
  const { controllerId } = await describeCluster(ctx.admin);
  if (controllerId === null) throw new Error('the cluster has no active controller');
  return killBroker(ctx, controllerId, 'the active controller');
}

/** SIGKILLs a ZooKeeper follower in round 0 and the leader in round 1. */
export async function killZooKeeper(ctx: FaultContext, round: number): Promise<InjectedFault> {
  const wanted = round % 2 === 0 ? 'follower' : 'leader';
  const nodes = ctx.stack.profile.zookeepers;
  const modes = await Promise.all(nodes.map((node) => zookeeperMode(node)));
  const victim = nodes[modes.indexOf(wanted)];
  if (!victim) throw new Error(`no ZooKeeper ${wanted} (modes: ${modes.join(', ')})`);
  await (await ctx.stack.process(victim.name)).kill();
  return { what: `SIGKILL ${victim.name} (the ${wanted})`, repair: () => restartStack(ctx) };
}

/** SIGKILLs the account service: requests in flight are cut off, their transactions rolled back or not. */
export async function killAccountService(ctx: FaultContext): Promise<InjectedFault> {
  await ctx.world.killService();
  return { what: 'SIGKILL the account service', repair: () => ctx.world.startService() };
}

/** Stops PostgreSQL (a fast shutdown: every session is cut) and starts it again on repair. */
export async function restartPostgres(ctx: FaultContext): Promise<InjectedFault> {
  await (await ctx.stack.process('postgres')).stop(60_000, 'SIGINT');
  return { what: 'PostgreSQL stopped (fast shutdown) and started', repair: () => restartStack(ctx) };
}

async function killBroker(ctx: FaultContext, id: number, role: string): Promise<InjectedFault> {
  const broker = ctx.stack.profile.brokers.find((b) => b.id === id);
  if (!broker) throw new Error(`broker ${id} is not part of the ${ctx.stack.profile.name} profile`);
  await (await ctx.stack.process(broker.name)).kill();
  return { what: `SIGKILL ${broker.name} (${role})`, repair: () => restartStack(ctx) };
}

/** Restarts whatever died, then waits until every replica of every topic is back in sync and ZooKeeper has a leader. */
async function restartStack(ctx: FaultContext): Promise<void> {
  await ctx.stack.up();
  await waitFor(
    async () => {
      const modes = await Promise.all(ctx.stack.profile.zookeepers.map((node) => zookeeperMode(node)));
      if (!modes.includes('leader') || modes.includes('down')) return false;
      const topics = await describeTopics(ctx.admin, [...ctx.world.allTopics, '__consumer_offsets']);
      return isHealthy(topics, ctx.stack.profile.replicationFactor);
    },
    { timeoutMs: 180_000, intervalMs: 1_000, what: 'the cluster whole again (every replica in sync)' },
  );
}
