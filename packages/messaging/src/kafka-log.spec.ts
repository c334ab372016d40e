import { logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { kafkaLogLevel } from './kafka-log';

const entry = (message: string, error?: string) => ({ message, timestamp: '', logger: 'kafkajs', error });

describe('kafkaLogLevel', () => {
  it('writes a coordinator error KafkaJS retries by itself at info, not as an error', () => {
    expect(
      kafkaLogLevel(
        logLevel.ERROR,
        entry('[Connection] Response GroupCoordinator(key: 10, version: 2)', 'The group coordinator is not available'),
      ),
    ).toBe('info');
    expect(kafkaLogLevel(logLevel.ERROR, entry('[Runner] The group is rebalancing, so a rejoin is needed'))).toBe(
      'info',
    );
  });

  it('keeps every other error an error, and warnings warnings', () => {
    expect(kafkaLogLevel(logLevel.ERROR, entry('[Consumer] Crash: KafkaJSNumberOfRetriesExceeded'))).toBe('error');
    expect(kafkaLogLevel(logLevel.WARN, entry('[Connection] Connection timeout'))).toBe('warn');
    expect(kafkaLogLevel(logLevel.INFO, entry('[Consumer] Starting'))).toBe('info');
    expect(kafkaLogLevel(logLevel.DEBUG, entry('[Connection] Request Fetch'))).toBe('debug');
  });
});
