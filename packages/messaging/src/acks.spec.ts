import { describe, expect, it } from 'vitest';
import { UnacknowledgedWriteError, offsetsFromAcks } from './acks';

const ack = (topicName: string, partition: number, baseOffset?: string, errorCode = 0) => ({
  topicName,
  partition,
  errorCode,
  ...(baseOffset === undefined ? {} : { baseOffset }),
});

describe('offsetsFromAcks', () => {
  it('gives each message its offset, counting on from its partition’s base offset', () => {
    const sent = [
      { topic: 't', partition: 0 },
      { topic: 't', partition: 1 },
      { topic: 't', partition: 0 },
      { topic: 'u', partition: 0 },
    ];
    expect(offsetsFromAcks(sent, [ack('t', 0, '41'), ack('t', 1, '7'), ack('u', 0, '0')])).toEqual([
      '41',
      '7',
      '42',
      '0',
    ]);
  });

  it('fails the whole request when a partition has no acknowledgement (kafkajs#1303)', () => {
    const sent = [
      { topic: 't', partition: 0 },
      { topic: 't', partition: 2 },
    ];
    expect(() => offsetsFromAcks(sent, [ack('t', 0, '5')])).toThrow(UnacknowledgedWriteError);
    expect(() => offsetsFromAcks(sent, [ack('t', 0, '5')])).toThrow('t/2');
  });

  it('does not take an acknowledgement with an error code or without an offset as proof', () => {
    const sent = [{ topic: 't', partition: 0 }];
    expect(() => offsetsFromAcks(sent, [ack('t', 0, '5', 19)])).toThrow(UnacknowledgedWriteError);
    expect(() => offsetsFromAcks(sent, [ack('t', 0)])).toThrow(UnacknowledgedWriteError);
    expect(() => offsetsFromAcks(sent, [ack('t', 0, '-1')])).toThrow(UnacknowledgedWriteError);
  });

  it('does not take another topic’s acknowledgement for the same partition number', () => {
    expect(() => offsetsFromAcks([{ topic: 't', partition: 0 }], [ack('u', 0, '3')])).toThrow('t/0');
  });
});
