import { z } from 'zod';

/**
 * Statements, spending and daily reports use UTC months and days: one answer wherever the caller is. Years run from
 * 1900 to 2099: a well-formed 0000-01 or 9999-12 (whose end is in year 10000) is beyond PostgreSQL's dates.
 */
export const MONTH_PATTERN = /^(19|20)\d{2}-(0[1-9]|1[0-2])$/;
const DAY_PATTERN = /^(19|20)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export const monthSchema = z
  .string()
  .regex(MONTH_PATTERN, 'a UTC month as YYYY-MM, from 1900 to 2099')
  .describe('a UTC month, YYYY-MM');

export const daySchema = z
  .string()
  .regex(DAY_PATTERN, 'a UTC day as YYYY-MM-DD, from 1900 to 2099')
  // 2026-02-30 matches the pattern but is no day: Date rolls it over to March
  .refine((day) => isRealDay(day), {
    message: 'a day that exists in the calendar',
  })
  .describe('a UTC day, YYYY-MM-DD');

function isRealDay(day: string): boolean {
  const at = dayStart(day);
  return !Number.isNaN(at.getTime()) && dayOf(at) === day;
}

/** The first instant of a UTC month ("2026-05" → 2026-05-01T00:00:00Z). */
export function monthStart(month: string): Date {
  if (!MONTH_PATTERN.test(month)) throw new RangeError(`${month} is not YYYY-MM`);
  return new Date(`${month}-01T00:00:00.000Z`);
}

/** The first instant after a UTC month. */
export function monthEnd(month: string): Date {
  const start = monthStart(month);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
}

/** The UTC month an instant falls in. */
export function monthOf(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/** Every month from `from` to `to`, both included; empty when `to` is before `from`. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let at = monthStart(from); at < monthEnd(to); at = monthEnd(monthOf(at))) months.push(monthOf(at));
  return months;
}

/** The first instant of a UTC day. */
export function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

/** The UTC day an instant falls in, YYYY-MM-DD. */
export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let at = dayStart(from); at <= dayStart(to); at = new Date(at.getTime() + 86_400_000)) days.push(dayOf(at));
  return days;
}
