import { KafkaJSConnectionError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { UnacknowledgedWriteError } from './acks';
import { RecordRejectedError, isRecordRejection } from './record-rejection';

const protocolError = (type: string) => Object.assign(new KafkaJSProtocolError(type), { type });

describe('isRecordRejection', () => {
  it('blames the record for a missing topic or an answer about the record', () => {
    expect(isRecordRejection(new RecordRejectedError('topic t does not exist'))).toBe(true);
    expect(isRecordRejection(protocolError('MESSAGE_TOO_LARGE'))).toBe(true);
    expect(
      isRecordRejection(
        new KafkaJSNumberOfRetriesExceeded(protocolError('INVALID_RECORD'), { retryCount: 5, retryTime: 1 }),
      ),
    ).toBe(true);
  });

  it('never blames the record for an outage or a missing acknowledgement', () => {
    expect(isRecordRejection(protocolError('NOT_ENOUGH_REPLICAS'))).toBe(false);
    expect(isRecordRejection(protocolError('NOT_LEADER_FOR_PARTITION'))).toBe(false);
    expect(isRecordRejection(new KafkaJSConnectionError('Connection error: connect ECONNREFUSED'))).toBe(false);
    expect(isRecordRejection(new UnacknowledgedWriteError(['t/0']))).toBe(false);
  });
});
