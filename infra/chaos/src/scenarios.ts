import {
  killAccountService,
  killController,
  killRelayPartitionLeader,
  killZooKeeper,
  restartPostgres,
  type FaultContext,
  type InjectedFault,
} from './faults';

export interface Scenario {
  /** Its name on the command line. */
  readonly name: string;
  readonly title: string;
  readonly rounds: number;
  /** How long the fault stays in place, under load, before it is repaired. */
  readonly holdMs: number;
  inject(ctx: FaultContext, round: number): Promise<InjectedFault>;
}

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'partition-leader',
    title: "The leader of the relay's partitions SIGKILLed under load, restarted in between",
    rounds: 5,
    holdMs: 5_000,
    inject: killRelayPartitionLeader,
  },
  {
    name: 'controller',
    title: 'The active controller SIGKILLed under load',
    rounds: 1,
    holdMs: 5_000,
    inject: killController,
  },
  {
    name: 'zookeeper',
    title: 'A ZooKeeper follower, then the ZooKeeper leader, SIGKILLed under load',
    rounds: 2,
    holdMs: 5_000,
    inject: killZooKeeper,
  },
  {
    name: 'account-service',
    title: 'The account service (and its relay) SIGKILLed mid-load and restarted',
    rounds: 1,
    holdMs: 2_000,
    inject: killAccountService,
  },
  {
    name: 'postgres',
    title: 'PostgreSQL stopped under load and started again',
    rounds: 1,
    holdMs: 3_000,
    inject: restartPostgres,
  },
];

export function scenarioNamed(name: string): Scenario {
  const found = SCENARIOS.find((s) => s.name === name);
  if (!found) throw new Error(`no scenario '${name}': choose from ${SCENARIOS.map((s) => s.name).join(', ')}`);
  return found;
}
