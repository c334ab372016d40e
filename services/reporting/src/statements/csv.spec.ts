import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from './csv';

describe('csvField', () => {
  it('leaves plain text alone', () => {
    expect(csvField('Corner Books')).toBe('Corner Books');
    expect(csvField('-10.99')).toBe('-10.99');
    expect(csvField('')).toBe('');
  });

  it('quotes a field holding a comma, a line break or a carriage return', () => {
    expect(csvField('Rent, May')).toBe('"Rent, May"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
  });

  it('doubles the quotes inside a quoted field', () => {
    expect(csvField('The "Best" Café')).toBe('"The ""Best"" Café"');
    expect(csvField('"')).toBe('""""');
  });

  it('quotes leading and trailing spaces so spreadsheets keep them', () => {
    expect(csvField(' padded ')).toBe('" padded "');
  });
});

describe('toCsv', () => {
  it('ends every record with CRLF', () => {
    expect(
      toCsv([
        ['a', 'b'],
        ['1, 2', 'x"y'],
      ]),
    ).toBe('a,b\r\n"1, 2","x""y"\r\n');
  });
});
