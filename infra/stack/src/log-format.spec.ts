import { describe, expect, it } from 'vitest';
import { colours, noColours } from '@microbank/logging';
import { formatLogLine, serviceStyle } from './log-format';

const line = (fields: Record<string, unknown>) =>
  JSON.stringify({ time: '2026-11-28T09:15:02.417Z', level: 'info', service: 'account', ...fields });

describe('formatLogLine', () => {
  it('shows time, prefix, level, context and message, then the other fields as key=value', () => {
    const text = formatLogLine(
      'account   │ ',
      line({ context: 'signups', message: 'handled event', eventType: 'UserSignedUp', partition: 2 }),
      noColours,
    );
    expect(text).toBe('09:15:02.417 account   │ INFO  signups: handled event eventType=UserSignedUp partition=2');
  });

  it('quotes a value with spaces and shortens a long one', () => {
    const text = formatLogLine('', line({ message: 'm', error: 'broker down', blob: 'x'.repeat(500) }), noColours);
    expect(text).toContain('error="broker down"');
    expect(text).toContain(`blob=${'x'.repeat(159)}…`);
  });

  it('prints a stack trace from Nest’s details on the lines below', () => {
    const text = formatLogLine(
      '',
      line({ level: 'error', message: 'boom', details: ['Error: boom\n    at main (main.ts:1:1)'] }),
      noColours,
    );
    expect(text.split('\n')).toEqual([
      '09:15:02.417 ERROR boom',
      '               Error: boom',
      '                   at main (main.ts:1:1)',
    ]);
  });

  it('keeps a single-line detail as a field', () => {
    expect(formatLogLine('', line({ message: 'm', details: ['just a note'] }), noColours)).toContain(
      'details=["just a note"]',
    );
  });

  it('shows control characters in a message or a field escaped, so a log line cannot drive the terminal', () => {
    const text = formatLogLine('', line({ message: 'evil\u001b[2J', note: 'x\u001b[31m' }), noColours);
    expect(text).toBe('09:15:02.417 INFO  evil\\u001b[2J note="x\\u001b[31m"');
  });

  it('passes a line that is not a JSON object through as it came', () => {
    expect(formatLogLine('user      │ ', 'Debugger listening on ws://…', noColours)).toBe(
      'user      │ Debugger listening on ws://…',
    );
    expect(formatLogLine('', '[1,2]', noColours)).toBe('[1,2]');
  });

  it('colours the level when colours are on', () => {
    const text = formatLogLine('', line({ level: 'warn', message: 'slow' }), colours);
    expect(text).toContain('\u001b[33mWARN \u001b[39m');
  });
});

describe('serviceStyle', () => {
  it('gives each listed service its own colour', () => {
    const order = ['user', 'account', 'card', 'fraud', 'reporting', 'audit', 'dashboard'];
    expect(new Set(order.map((s) => serviceStyle(s, order))).size).toBe(order.length);
  });
});
