import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { DashboardConfig } from '../config';
import { InjectDashboardConfig } from '../dashboard-config.token';
import { DashboardTopics } from '../kafka/dashboard-topics';
import { InjectKafka } from '../kafka/kafka-client';
import { KeptAdmin } from '../kafka/kept-admin';
import { brokersOf, type ClusterView, type TopicView } from './cluster-view';
import { askSrvr, parseSrvr } from './zookeeper-srvr';

const SRVR_TIMEOUT_MS = 1_000;

/**
 * Reads the cluster every DASHBOARD_CLUSTER_POLL_MS: brokers and the active controller, every partition's leader,
 * replicas and ISR (admin API), and each ZooKeeper node's mode (`srvr`). A read that hangs — a broker just died and
 * its connections time out — is abandoned after a few polls' time and the admin client made again; the page keeps
 * the last picture, marked with the error, meanwhile.
 */
@Injectable()
export class ClusterMonitor implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ClusterMonitor.name);
  private readonly knownBrokers = new Map<number, string>();
  private readonly admin: KeptAdmin;
  private timer: NodeJS.Timeout | undefined;
  private reading = false;
  private failing = false;
  private view: ClusterView = {
    readAt: new Date(0).toISOString(),
    error: 'not read yet',
    controllerId: null,
    brokers: [],
    zookeeper: [],
    topics: [],
  };

  constructor(
    @InjectDashboardConfig() private readonly config: DashboardConfig,
    @InjectKafka() kafka: Kafka,
    private readonly topics: DashboardTopics,
  ) {
    this.admin = new KeptAdmin(kafka);
  }

  onModuleInit(): void {
    void this.poll();
    this.timer = setInterval(() => void this.poll(), this.config.DASHBOARD_CLUSTER_POLL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.admin.drop();
  }

  current(): ClusterView {
    return this.view;
  }

  private async poll(): Promise<void> {
    if (this.reading) return;
    this.reading = true;
    const deadline = Math.max(3 * this.config.DASHBOARD_CLUSTER_POLL_MS, 5_000);
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer from the cluster within ${deadline} ms`)), deadline);
      });
      this.view = await Promise.race([this.read(), timeout]);
    } catch (error) {
      const message = (error as Error).message;
      if (!this.failing) this.logger.warn(`could not read the cluster: ${message}`);
      this.failing = true;
      this.view = { ...this.view, error: message, zookeeper: await this.readZooKeeper() };
      await this.admin.drop();
    } finally {
      clearTimeout(timer);
      this.reading = false;
    }
  }

  private async read(): Promise<ClusterView> {
    const admin = await this.admin.get();
    const [cluster, zookeeper] = await Promise.all([admin.describeCluster(), this.readZooKeeper()]);
    const existing = new Set(await admin.listTopics());
    const ours = this.topics.contract.filter((topic) => existing.has(this.topics.real(topic)));
    const metadata = ours.length
      ? await admin.fetchTopicMetadata({ topics: ours.map((topic) => this.topics.real(topic)) })
      : { topics: [] };
    const topics: TopicView[] = metadata.topics.map(({ name, partitions }) => ({
      topic: this.topics.contractOf(name) ?? name,
      partitions: partitions
        .map((p) => ({
          partition: p.partitionId,
          leader: p.leader,
          replicas: p.replicas,
          isr: p.isr,
          offline: p.offlineReplicas ?? [],
        }))
        .sort((a, b) => a.partition - b.partition),
    }));
    topics.sort((a, b) => ours.indexOf(a.topic) - ours.indexOf(b.topic));
    for (const broker of cluster.brokers) this.knownBrokers.set(broker.nodeId, `${broker.host}:${broker.port}`);
    const controllerId = cluster.controller ?? null;
    if (this.failing) this.logger.log('the cluster answers again');
    this.failing = false;
    return {
      readAt: new Date().toISOString(),
      error: null,
      controllerId,
      brokers: brokersOf(cluster.brokers, this.knownBrokers, controllerId, topics),
      zookeeper,
      topics,
    };
  }

  private readZooKeeper() {
    return Promise.all(
      this.config.ZOOKEEPER_CONNECT.map(async (node) =>
        parseSrvr(`${node.host}:${node.port}`, await askSrvr(node, SRVR_TIMEOUT_MS)),
      ),
    );
  }
}
