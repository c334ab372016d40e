// CPU time per group of processes (the service, PostgreSQL, Kafka, ...) over a window, read from /proc. Sampled every
// 250 ms, so processes that start inside the window (pgbench's backends) count from their start, and processes that
// end inside it keep what they had used at the last sample.
import { readFileSync, readdirSync } from 'node:fs';

const CLOCK_TICK_MS = 10; // getconf CLK_TCK = 100 on Linux

export type ProcessGroups = Record<string, (process: { pid: number; comm: string; cmdline: string }) => boolean>;

interface ProcessTicks {
  readonly group: string;
  readonly first: number;
  last: number;
}

function readProcess(pid: number): { comm: string; cmdline: string; ticks: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    // after the ")" of comm: state is field [0], utime [11], stime [12]
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    return { comm, cmdline, ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined; // gone between readdir and read
  }
}

export class ProcessCpu {
  private readonly seen = new Map<number, ProcessTicks>();
  private timer: NodeJS.Timeout | undefined;

  private constructor(private readonly groups: ProcessGroups) {}

  /** Starts counting now: processes already running count from their current CPU time. */
  static start(groups: ProcessGroups): ProcessCpu {
    const cpu = new ProcessCpu(groups);
    cpu.sample(true);
    cpu.timer = setInterval(() => cpu.sample(false), 250);
    return cpu;
  }

  /** Stops and returns the CPU milliseconds each group used since the start. */
  stop(): Record<string, number> {
    clearInterval(this.timer);
    this.sample(false);
    const used: Record<string, number> = Object.fromEntries(Object.keys(this.groups).map((group) => [group, 0]));
    for (const entry of this.seen.values()) used[entry.group]! += (entry.last - entry.first) * CLOCK_TICK_MS;
    return used;
  }

  private sample(atStart: boolean): void {
    for (const name of readdirSync('/proc')) {
      const pid = Number(name);
      if (!Number.isInteger(pid)) continue;
      const known = this.seen.get(pid);
      if (known) {
        known.last = readProcess(pid)?.ticks ?? known.last;
        continue;
      }
      const process = readProcess(pid);
      if (!process) continue;
      const group = Object.keys(this.groups).find((g) => this.groups[g]!({ pid, ...process }));
      if (group) this.seen.set(pid, { group, first: atStart ? process.ticks : 0, last: process.ticks });
    }
  }
}
