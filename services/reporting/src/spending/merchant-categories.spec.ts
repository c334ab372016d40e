import { describe, expect, it } from 'vitest';
import { categoryOfMcc } from './merchant-categories';

describe('categoryOfMcc', () => {
  it.each([
    ['5411', 'groceries'], // supermarkets
    ['5462', 'groceries'], // bakeries
    ['5812', 'restaurants'], // eating places
    ['5814', 'restaurants'], // fast food
    ['4111', 'transport'], // commuter transport
    ['4121', 'transport'], // taxis
    ['5541', 'transport'], // service stations
    ['4511', 'travel'], // airlines
    ['3005', 'travel'], // an airline's own code
    ['7011', 'travel'], // hotels
    ['5311', 'shopping'], // department stores
    ['5651', 'shopping'], // family clothing
    ['5942', 'shopping'], // book stores
    ['7832', 'entertainment'], // cinemas
    ['5816', 'entertainment'], // digital games
    ['5912', 'health'], // pharmacies
    ['8021', 'health'], // dentists
    ['4814', 'services'], // telecoms
    ['4900', 'services'], // utilities
    ['9311', 'services'], // tax payments
    ['6011', 'cash'], // ATMs
    ['6051', 'cash'], // quasi-cash
  ] as const)('puts %s in %s', (mcc, category) => {
    expect(categoryOfMcc(mcc)).toBe(category);
  });

  it('lets a single code win over the broad range around it: a pharmacy is not a shop', () => {
    expect(categoryOfMcc('5912')).toBe('health');
    expect(categoryOfMcc('5911')).toBe('shopping');
  });

  it('files codes nobody listed, and malformed ones, under other', () => {
    expect(categoryOfMcc('0742')).toBe('other'); // veterinary services
    expect(categoryOfMcc('1520')).toBe('other'); // general contractors
    expect(categoryOfMcc('541')).toBe('other');
    expect(categoryOfMcc('54111')).toBe('other');
    expect(categoryOfMcc('')).toBe('other');
  });

  it('knows both ends of a range', () => {
    expect(categoryOfMcc('3000')).toBe('travel');
    expect(categoryOfMcc('3299')).toBe('travel');
    expect(categoryOfMcc('3300')).toBe('other');
  });
});
