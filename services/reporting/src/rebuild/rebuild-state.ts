import { z } from 'zod';

export const REBUILD_STATES = ['idle', 'stopping', 'resetting', 'replaying', 'caught-up', 'failed'] as const;
export type RebuildStateName = (typeof REBUILD_STATES)[number];

export const rebuildStateSchema = z.object({
  state: z.enum(REBUILD_STATES).describe('idle until the first rebuild; stopping → resetting → replaying → caught-up'),
  startedAt: z.string().nullable().describe('when the rebuild began (ISO 8601); null when idle'),
  replayStartedAt: z.string().nullable().describe('when the consumers started reading from the earliest offsets'),
  finishedAt: z.string().nullable().describe('when it caught up or failed'),
  eventsReplayed: z
    .number()
    .int()
    .describe('events of the log read again since the replay began, each counted once however many consumers read it'),
  eventsPerSecond: z.number().describe('eventsReplayed per second of replay'),
  lag: z.number().int().describe('messages still to read, summed over every consumer group and partition'),
  readModelsComplete: z
    .boolean()
    .describe('false while a rebuild empties or refills the read models, and after one failed once it emptied them'),
  error: z.string().optional().describe('why the rebuild failed'),
});

export type RebuildState = z.infer<typeof rebuildStateSchema>;

export const IDLE: RebuildState = {
  state: 'idle',
  startedAt: null,
  replayStartedAt: null,
  finishedAt: null,
  eventsReplayed: 0,
  eventsPerSecond: 0,
  lag: 0,
  readModelsComplete: true,
};
