/// <reference lib="dom" />
/// <reference lib="dom.asynciterable" />
import { html } from 'htm/preact';
import type { ClusterView, PartitionView, TopicView } from '../cluster/cluster-view';
import { clock } from './format';
import { usePolling } from './use-polling';

/** Brokers, the controller, the ZooKeeper ensemble and every partition's leader, replicas and ISR, every second. */
export function ClusterPanel(props: { onUnauthorized: () => void }) {
  const cluster = usePolling<ClusterView>('/api/cluster', 1_000, props.onUnauthorized);
  if (!cluster)
    return html`<section class="card cluster">
      <h2>Cluster</h2>
      <p class="empty">Reading…</p>
    </section>`;
  const business = cluster.topics.filter((t) => !t.topic.endsWith('.dlt'));
  const deadLetters = cluster.topics.filter((t) => t.topic.endsWith('.dlt'));
  return html`
    <section class="card cluster" aria-label="Kafka cluster">
      <header class="card-head">
        <h2>Cluster</h2>
        <span class="muted">read ${clock(cluster.readAt)}</span>
        ${cluster.error && html`<span class="stale" title=${cluster.error}>stale: ${cluster.error}</span>`}
      </header>
      <div class="nodes">
        ${cluster.brokers.map(
          (b) => html`
            <div class=${`node broker ${b.up ? 'up' : 'down'}`} data-broker=${b.nodeId}>
              <strong>broker ${b.nodeId}</strong>
              ${b.controller && html`<span class="badge controller">controller</span>`}
              <span class="muted">${b.address ?? 'unknown address'}</span>
              <span>${b.up ? `leads ${b.leads}` : 'down'}</span>
            </div>
          `,
        )}
      </div>
      <div class="nodes zookeeper">
        ${cluster.zookeeper.map(
          (zk) => html`
            <div class=${`node zk ${zk.mode}`} data-zookeeper=${zk.address}>
              <strong>ZooKeeper</strong>
              ${zk.mode === 'leader' && html`<span class="badge leader">leader</span>`}
              <span class="muted">${zk.address}</span>
              <span>${zk.mode}</span>
            </div>
          `,
        )}
      </div>
      <${PartitionTable} topics=${business} />
      <details class="dead-letters">
        <summary>Dead-letter topics (${deadLetters.length})</summary>
        <${PartitionTable} topics=${deadLetters} />
      </details>
    </section>
  `;
}

function PartitionTable({ topics }: { topics: readonly TopicView[] }) {
  return html`
    <table class="partitions">
      <thead>
        <tr>
          <th>topic</th>
          <th>partition</th>
          <th>leader</th>
          <th>replicas</th>
          <th>in sync</th>
        </tr>
      </thead>
      <tbody>
        ${topics.flatMap((t) =>
          t.partitions.map(
            (p, i) => html`
              <tr class=${health(p)} data-topic=${t.topic} data-partition=${p.partition}>
                <td>${i === 0 ? t.topic : ''}</td>
                <td>${p.partition}</td>
                <td class="leader" data-leader=${p.leader}>${p.leader === -1 ? 'none' : p.leader}</td>
                <td>${p.replicas.join(', ')}</td>
                <td>${p.isr.join(', ')}</td>
              </tr>
            `,
          ),
        )}
      </tbody>
    </table>
  `;
}

function health(p: PartitionView): string {
  if (p.leader === -1) return 'offline';
  return p.isr.length < p.replicas.length ? 'under-replicated' : 'healthy';
}
