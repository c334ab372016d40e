/**
 * Rough geographic centres (latitude, longitude) of the countries cards are most used in: good to a few hundred
 * kilometres, which is all a travel-speed check needs. A country not listed is never judged.
 */
export const COUNTRY_CENTROIDS: Readonly<Record<string, readonly [number, number]>> = {
  AT: [47.6, 14.1],
  BE: [50.6, 4.6],
  BG: [42.7, 25.5],
  CH: [46.8, 8.2],
  CY: [35.0, 33.2],
  CZ: [49.8, 15.5],
  DE: [51.2, 10.4],
  DK: [56.0, 10.0],
  EE: [58.7, 25.5],
  ES: [40.2, -3.6],
  FI: [64.5, 26.0],
  FR: [46.6, 2.4],
  GB: [54.0, -2.5],
  GR: [39.1, 22.0],
  HR: [45.1, 15.2],
  HU: [47.2, 19.5],
  IE: [53.2, -8.2],
  IS: [64.9, -18.6],
  IT: [42.8, 12.6],
  LI: [47.2, 9.6],
  LT: [55.2, 23.9],
  LU: [49.8, 6.1],
  LV: [56.9, 24.9],
  MT: [35.9, 14.4],
  NL: [52.2, 5.5],
  NO: [64.5, 12.0],
  PL: [52.1, 19.4],
  PT: [39.6, -8.0],
  RO: [45.9, 24.9],
  SE: [62.0, 15.0],
  SI: [46.1, 14.8],
  SK: [48.7, 19.7],
  TR: [39.0, 35.2],
  UA: [49.0, 31.4],
  AE: [23.9, 54.3],
  CN: [35.0, 103.8],
  IN: [22.9, 79.6],
  JP: [36.2, 138.3],
  KR: [36.4, 127.9],
  SG: [1.35, 103.8],
  TH: [15.1, 101.0],
  AU: [-25.7, 134.5],
  NZ: [-41.8, 172.5],
  US: [39.8, -98.6],
  CA: [56.1, -106.3],
  MX: [23.6, -102.6],
  BR: [-10.8, -52.9],
  AR: [-35.4, -65.2],
  ZA: [-29.0, 25.1],
  NG: [9.1, 8.7],
  EG: [26.8, 30.8],
  MA: [31.8, -7.1],
};

const EARTH_RADIUS_KM = 6_371;

/** Great-circle distance between two countries' centres in km, or null when either is not listed. */
export function distanceKm(from: string, to: string): number | null {
  const a = COUNTRY_CENTROIDS[from];
  const b = COUNTRY_CENTROIDS[to];
  if (!a || !b) return null;
  const rad = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = rad(b[0] - a[0]);
  const dLon = rad(b[1] - a[1]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[0])) * Math.cos(rad(b[0])) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h));
}
