import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import type { DashboardConfig } from '../config';
import { InjectDashboardConfig } from '../dashboard-config.token';
import { DashboardTopics } from '../kafka/dashboard-topics';
import { InjectKafka } from '../kafka/kafka-client';
import { KeptAdmin } from '../kafka/kept-admin';
import { RingBuffer } from '../streams/ring-buffer';
import { groupLag, type GroupLagView, type GroupsView, type LagSample, type TopicWatermarks } from './group-lag';

/**
 * Samples the services' consumer groups every DASHBOARD_LAG_SAMPLE_MS: each group's committed offsets against the
 * high watermarks, per partition, and its total lag into a ring buffer the lag-over-time chart draws from.
 */
@Injectable()
export class LagSampler implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(LagSampler.name);
  private readonly history: RingBuffer<LagSample>;
  private readonly admin: KeptAdmin;
  private timer: NodeJS.Timeout | undefined;
  private sampling = false;
  private latest: Omit<GroupsView, 'history'> = { readAt: new Date(0).toISOString(), error: null, groups: [] };

  constructor(
    @InjectDashboardConfig() private readonly config: DashboardConfig,
    @InjectKafka() kafka: Kafka,
    private readonly topics: DashboardTopics,
  ) {
    this.history = new RingBuffer(config.DASHBOARD_LAG_SAMPLES);
    this.admin = new KeptAdmin(kafka);
  }

  onModuleInit(): void {
    void this.sample();
    this.timer = setInterval(() => void this.sample(), this.config.DASHBOARD_LAG_SAMPLE_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.admin.drop();
  }

  current(): GroupsView {
    return { ...this.latest, history: this.history.toArray() };
  }

  private async sample(): Promise<void> {
    if (this.sampling) return;
    this.sampling = true;
    const deadline = Math.max(3 * this.config.DASHBOARD_LAG_SAMPLE_MS, 5_000);
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer from the cluster within ${deadline} ms`)), deadline);
      });
      const groups = await Promise.race([this.read(), timeout]);
      this.latest = { readAt: new Date().toISOString(), error: null, groups };
      this.history.push({ at: Date.now(), lag: Object.fromEntries(groups.map((g) => [g.groupId, g.lag])) });
    } catch (error) {
      const message = (error as Error).message;
      if (this.latest.error === null) this.logger.warn(`could not sample consumer lag: ${message}`);
      this.latest = { ...this.latest, error: message };
      await this.admin.drop();
    } finally {
      clearTimeout(timer);
      this.sampling = false;
    }
  }

  private async read(): Promise<GroupLagView[]> {
    const admin = await this.admin.get();
    const listed = (await admin.listGroups()).groups.filter((g) => this.topics.isServiceGroup(g.groupId));
    if (listed.length === 0) return [];
    const described = await admin.describeGroups(listed.map((g) => g.groupId));
    const committed = new Map<string, Awaited<ReturnType<Admin['fetchOffsets']>>>();
    for (const { groupId } of listed) committed.set(groupId, await admin.fetchOffsets({ groupId }));
    // the watermarks of every topic some group committed to, read once per sample
    const watermarks: TopicWatermarks[] = [];
    const topics = new Set([...committed.values()].flatMap((offsets) => offsets.map((o) => o.topic)));
    for (const topic of topics) watermarks.push({ topic, partitions: await admin.fetchTopicOffsets(topic) });
    return listed
      .map(({ groupId }) => {
        const group = described.groups.find((g) => g.groupId === groupId);
        const view = groupLag(
          {
            groupId: this.withoutPrefix(groupId),
            state: group?.state ?? 'Unknown',
            members: group?.members.length ?? 0,
          },
          watermarks,
          committed.get(groupId) ?? [],
        );
        return {
          ...view,
          partitions: view.partitions.map((p) => ({ ...p, topic: this.topics.contractOf(p.topic) ?? p.topic })),
        };
      })
      .sort((a, b) => a.groupId.localeCompare(b.groupId));
  }

  private withoutPrefix(groupId: string): string {
    return groupId.slice(this.topics.names.prefix.length);
  }
}
