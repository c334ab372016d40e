import { CURRENCIES, type Currency } from '@microbank/contracts';

/**
 * Minor units as an exact decimal string in the currency's ISO 4217 exponent: 123456n EUR → "1234.56",
 * -5n EUR → "-0.05", 1500n JPY → "1500". Never through a float.
 */
export function formatMinor(minor: bigint, currency: Currency): string {
  const exponent = CURRENCIES[currency];
  const sign = minor < 0n ? '-' : '';
  const digits = (minor < 0n ? -minor : minor).toString();
  if (exponent === 0) return `${sign}${digits}`;
  const padded = digits.padStart(exponent + 1, '0');
  return `${sign}${padded.slice(0, -exponent)}.${padded.slice(-exponent)}`;
}

/** For people (the PDF): thousands grouped, "1,234.56". */
export function displayAmount(minor: bigint, currency: Currency): string {
  const [whole = '', fraction] = formatMinor(minor, currency).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** For people, with the currency after: "1,234.56 EUR". */
export function displayMoney(minor: bigint, currency: Currency): string {
  return `${displayAmount(minor, currency)} ${currency}`;
}
