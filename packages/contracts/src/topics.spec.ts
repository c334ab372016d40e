import { describe, expect, it } from 'vitest';
import { AUDIT_CHECKPOINTS_TOPIC, TOPIC_SPECS, Topics, deadLetterTopicOf } from './topics';

describe('the topic list', () => {
  it('gives every business topic a dead-letter topic', () => {
    const names = TOPIC_SPECS.map((spec) => spec.name);

    for (const topic of Object.values(Topics)) {
      expect(names).toContain(topic);
      expect(names).toContain(deadLetterTopicOf(topic));
    }
  });

  it('names each topic once: the business topics under banking., and the audit checkpoints', () => {
    const names = TOPIC_SPECS.map((spec) => spec.name);

    expect(new Set(names).size).toBe(names.length);
    const business = names.filter((name) => name !== AUDIT_CHECKPOINTS_TOPIC);
    expect(business).toHaveLength(names.length - 1);
    expect(business.every((name) => /^banking\.[a-z]+(\.dlt)?$/.test(name))).toBe(true);
  });

  it('gives every business topic three partitions, one per broker, and the checkpoints one, in signing order', () => {
    for (const spec of TOPIC_SPECS) {
      expect(spec.partitions).toBe(spec.name === AUDIT_CHECKPOINTS_TOPIC ? 1 : 3);
    }
  });

  it('keeps every message forever: reporting replays the log from its start, and audit proves it', () => {
    for (const spec of TOPIC_SPECS) {
      expect(spec.config).toEqual({ 'cleanup.policy': 'delete', 'retention.ms': '-1', 'retention.bytes': '-1' });
    }
  });
});
