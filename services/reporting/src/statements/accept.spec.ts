import { describe, expect, it } from 'vitest';
import { STATEMENT_TYPES, negotiate } from './accept';

const pick = (accept: string | undefined) => negotiate(accept, STATEMENT_TYPES);

describe('negotiate', () => {
  it('answers JSON when the client names no preference', () => {
    expect(pick(undefined)).toBe('application/json');
    expect(pick('')).toBe('application/json');
    expect(pick('*/*')).toBe('application/json');
  });

  it('answers the type the client names', () => {
    expect(pick('text/csv')).toBe('text/csv');
    expect(pick('application/pdf')).toBe('application/pdf');
    expect(pick('text/*')).toBe('text/csv');
    expect(pick('Application/PDF')).toBe('application/pdf');
  });

  it('follows q values, and q=0 refuses a type', () => {
    expect(pick('application/json;q=0.5, text/csv')).toBe('text/csv');
    expect(pick('application/pdf;q=0.9, */*;q=0.1')).toBe('application/pdf');
    expect(pick('*/*, application/json;q=0')).toBe('text/csv');
  });

  it('finds nothing acceptable for a type it does not make', () => {
    expect(pick('image/png')).toBeUndefined();
    expect(pick('text/html, image/*')).toBeUndefined();
    expect(pick('text/csv;q=0')).toBeUndefined();
  });
});
