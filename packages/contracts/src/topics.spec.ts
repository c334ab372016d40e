import { describe, expect, it } from 'vitest';
import { TOPIC_SPECS, Topics, deadLetterTopicOf } from './topics';

describe('the topic list', () => {
  it('gives every business topic a dead-letter topic', () => {
    const names = TOPIC_SPECS.map((spec) => spec.name);

    for (const topic of Object.values(Topics)) {
      expect(names).toContain(topic);
      expect(names).toContain(deadLetterTopicOf(topic));
    }
  });

  it('names each topic once, under the banking. prefix', () => {
    const names = TOPIC_SPECS.map((spec) => spec.name);

    expect(new Set(names).size).toBe(names.length);
    expect(names.every((name) => /^banking\.[a-z]+(\.dlt)?$/.test(name))).toBe(true);
  });

  it('gives every topic at least three partitions, one per broker', () => {
    expect(TOPIC_SPECS.every((spec) => spec.partitions >= 3)).toBe(true);
  });

  it('keeps dead letters longer than the messages they came from', () => {
    for (const topic of Object.values(Topics)) {
      const source = TOPIC_SPECS.find((spec) => spec.name === topic)!;
      const dlt = TOPIC_SPECS.find((spec) => spec.name === deadLetterTopicOf(topic))!;
      expect(Number(dlt.config['retention.ms'])).toBeGreaterThan(Number(source.config['retention.ms']));
    }
  });
});
