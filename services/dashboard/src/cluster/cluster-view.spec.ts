import { describe, expect, it } from 'vitest';
import { brokersOf, type TopicView } from './cluster-view';

const TOPICS: TopicView[] = [
  {
    topic: 'banking.alerts',
    partitions: [
      { partition: 0, leader: 1, replicas: [2, 1, 3], isr: [1, 3], offline: [2] },
      { partition: 1, leader: 3, replicas: [3, 2, 1], isr: [3, 1], offline: [2] },
      { partition: 2, leader: 1, replicas: [1, 3, 2], isr: [1, 3], offline: [2] },
    ],
  },
];

describe('the brokers on the page', () => {
  it('shows a broker that left the metadata as down, and counts the partitions each live one leads', () => {
    const live = [
      { nodeId: 3, host: '127.0.0.1', port: 9094 },
      { nodeId: 1, host: '127.0.0.1', port: 9092 },
    ];
    const known = new Map([
      [1, '127.0.0.1:9092'],
      [2, '127.0.0.1:9093'],
      [3, '127.0.0.1:9094'],
    ]);
    expect(brokersOf(live, known, 3, TOPICS)).toEqual([
      { nodeId: 1, address: '127.0.0.1:9092', up: true, controller: false, leads: 2 },
      { nodeId: 2, address: '127.0.0.1:9093', up: false, controller: false, leads: 0 },
      { nodeId: 3, address: '127.0.0.1:9094', up: true, controller: true, leads: 1 },
    ]);
  });

  it('names a broker it never saw alive but that holds replicas, without an address', () => {
    const brokers = brokersOf([{ nodeId: 1, host: 'k1', port: 9092 }], new Map(), 1, TOPICS);
    expect(brokers.map((b) => [b.nodeId, b.up, b.address])).toEqual([
      [1, true, 'k1:9092'],
      [2, false, null],
      [3, false, null],
    ]);
  });
});
