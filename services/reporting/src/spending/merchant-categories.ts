import type { SpendingCategory } from '../generated/prisma/enums';

export const SPENDING_CATEGORIES = [
  'groceries',
  'restaurants',
  'transport',
  'travel',
  'shopping',
  'entertainment',
  'health',
  'services',
  'cash',
  'other',
] as const satisfies readonly SpendingCategory[];

type McRange = readonly [from: number, to: number, category: SpendingCategory];

/**
 * ISO 18245 merchant category codes by the category a customer thinks in. Read top to bottom, the first range
 * that holds the code wins: single codes that sit inside a broader range (a pharmacy, 5912, among the shops) come
 * before it. A code in none of them is `other`.
 */
const MCC_RANGES: readonly McRange[] = [
  // cash and its equivalents: ATMs, bank counters, money orders, quasi-cash
  [4829, 4829, 'cash'],
  [6010, 6012, 'cash'],
  [6051, 6051, 'cash'],
  // food shops: supermarkets, butchers, bakeries, dairies, other food stores
  [5411, 5411, 'groceries'],
  [5422, 5422, 'groceries'],
  [5441, 5441, 'groceries'],
  [5451, 5451, 'groceries'],
  [5462, 5462, 'groceries'],
  [5499, 5499, 'groceries'],
  // eating places, bars, fast food, caterers
  [5811, 5814, 'restaurants'],
  // airlines, car rental and hotels have whole blocks of their own codes
  [3000, 3299, 'travel'],
  [3351, 3441, 'travel'],
  [3501, 3999, 'travel'],
  [4411, 4411, 'travel'],
  [4511, 4511, 'travel'],
  [4582, 4582, 'travel'],
  [4722, 4723, 'travel'],
  [7011, 7012, 'travel'],
  [7032, 7033, 'travel'],
  [7512, 7513, 'travel'],
  [7519, 7519, 'travel'],
  // getting around day to day: commuter rail, taxis, buses, tolls, fuel, parking
  [4011, 4011, 'transport'],
  [4111, 4112, 'transport'],
  [4121, 4121, 'transport'],
  [4131, 4131, 'transport'],
  [4214, 4214, 'transport'],
  [4784, 4784, 'transport'],
  [4789, 4789, 'transport'],
  [5541, 5542, 'transport'],
  [5552, 5552, 'transport'],
  [7523, 7523, 'transport'],
  // pharmacies, doctors, dentists, hospitals, opticians
  [4119, 4119, 'health'],
  [5122, 5122, 'health'],
  [5912, 5912, 'health'],
  [5975, 5976, 'health'],
  [8011, 8099, 'health'],
  // films, shows, sport, games, digital media
  [5815, 5818, 'entertainment'],
  [7800, 7802, 'entertainment'],
  [7829, 7841, 'entertainment'],
  [7911, 7999, 'entertainment'],
  // telecoms, utilities, personal and business services, schools, charities, government
  [4812, 4821, 'services'],
  [4899, 4900, 'services'],
  [6300, 6399, 'services'],
  [7210, 7299, 'services'],
  [7311, 7399, 'services'],
  [7531, 7699, 'services'],
  [8111, 8111, 'services'],
  [8211, 8299, 'services'],
  [8351, 8351, 'services'],
  [8398, 8398, 'services'],
  [8641, 8699, 'services'],
  [8911, 8999, 'services'],
  [9211, 9402, 'services'],
  // retail: home and building supplies, department stores, clothing, furniture, electronics, other shops
  [5200, 5399, 'shopping'],
  [5511, 5599, 'shopping'],
  [5611, 5699, 'shopping'],
  [5712, 5799, 'shopping'],
  [5900, 5999, 'shopping'],
];

/** The spending category of a merchant category code; an unknown or malformed code is `other`. */
export function categoryOfMcc(mcc: string): SpendingCategory {
  if (!/^\d{4}$/.test(mcc)) return 'other';
  const code = Number(mcc);
  return MCC_RANGES.find(([from, to]) => code >= from && code <= to)?.[2] ?? 'other';
}
