import { describe, expect, it } from 'vitest';
import { dayOf, daySchema, daysBetween, monthEnd, monthOf, monthSchema, monthStart, monthsBetween } from './calendar';

describe('UTC months', () => {
  it('accepts YYYY-MM months only', () => {
    expect(monthSchema.safeParse('2026-05').success).toBe(true);
    for (const bad of ['2026-13', '2026-00', '2026-5', '26-05', '2026-05-01', 'may', '', '0000-01', '9999-12']) {
      expect(monthSchema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('spans a month from its first instant to the first instant of the next, across a year end', () => {
    expect(monthStart('2026-12').toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(monthEnd('2026-12').toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(monthEnd('2028-02').toISOString()).toBe('2028-03-01T00:00:00.000Z');
  });

  it('puts an instant in its UTC month, whatever the offset it was written with', () => {
    expect(monthOf(new Date('2026-05-31T23:59:59.999Z'))).toBe('2026-05');
    expect(monthOf(new Date('2026-06-01T01:30:00+02:00'))).toBe('2026-05');
  });

  it('lists the months of a range, both ends included', () => {
    expect(monthsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsBetween('2026-05', '2026-05')).toEqual(['2026-05']);
    expect(monthsBetween('2026-06', '2026-05')).toEqual([]);
  });
});

describe('UTC days', () => {
  it('accepts real calendar days only', () => {
    expect(daySchema.safeParse('2028-02-29').success).toBe(true);
    for (const bad of ['2026-02-29', '2026-04-31', '2026-4-01', '2026-04-01T00:00:00Z', '', '0000-01-01']) {
      expect(daySchema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('lists the days of a range and puts an instant in its UTC day', () => {
    expect(daysBetween('2026-02-27', '2026-03-01')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    expect(dayOf(new Date('2026-03-01T00:30:00+01:00'))).toBe('2026-02-28');
  });
});
