import type { FailureKind } from './messaging-errors';

// one message's failures: permanent ones are dead-lettered at once, transient ones retried until they pass,
// unknown ones until `maxUnknownAttempts` of them have failed
export class RetryBudget {
  private failures = 0;
  private unknownFailures = 0;

  constructor(private readonly maxUnknownAttempts: number) {}

  // every failed attempt, whatever its kind: what the backoff grows with and the dead letter reports
  get attempts(): number {
    return this.failures;
  }

  recordFailure(kind: FailureKind): 'retry' | 'dead-letter' {
    this.failures++;
    // counted apart, so a database outage does not use up the attempts a bug in the handler gets
    if (kind === 'unknown') this.unknownFailures++;
    if (kind === 'permanent' || this.unknownFailures >= this.maxUnknownAttempts) return 'dead-letter';
    return 'retry';
  }
}
