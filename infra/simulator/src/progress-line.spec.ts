import { describe, expect, it } from 'vitest';
import { ProgressLine, formatProgress } from './progress-line';

const counts = {
  phase: 'traffic',
  elapsedMs: 42_400,
  requests: 120,
  customers: 24,
  payments: 31,
  patternsInjected: 4,
  patternsPlanned: 6,
  alerts: 3,
};

describe('the progress line', () => {
  it('says elapsed time, requests per second, customers, payments, patterns injected and alerts seen', () => {
    expect(formatProgress(counts, 5.04)).toBe(
      'traffic   42 s   5.0 req/s · 24 customers · 31 payments · 4/6 patterns · 3 alerts',
    );
  });

  it('rewrites one line in place on a terminal, and ends it when stopped', () => {
    const written: string[] = [];
    const line = new ProgressLine({ isTTY: true, write: (text: string) => written.push(text) }, () => counts);
    line.start();
    line.stop();
    line.stop();
    expect(written).toHaveLength(2);
    // carriage return, then erase the line
    expect(written[0]!.startsWith(`\r\u001b[2K${formatProgress(counts, 0).slice(0, 14)}`)).toBe(true);
    expect(written[1]).toBe('\n');
  });

  it('cuts the line to the width of the terminal, so it never wraps', () => {
    const written: string[] = [];
    const line = new ProgressLine(
      { isTTY: true, columns: 40, write: (text: string) => written.push(text) },
      () => counts,
    );
    line.start();
    line.stop();
    expect(written[0]!.startsWith('\r\u001b[2Ktraffic   42 s')).toBe(true);
    expect(written[0]).toHaveLength('\r\u001b[2K'.length + 39);
  });

  it('writes whole lines elsewhere (a log, CI)', () => {
    const written: string[] = [];
    const line = new ProgressLine({ write: (text: string) => written.push(text) }, () => counts);
    line.start();
    line.stop();
    expect(written).toEqual([expect.stringMatching(/^traffic .* 3 alerts\n$/)]);
  });
});
