import { describe, expect, it } from 'vitest';
import { COUNTRY_CENTROIDS, distanceKm } from './country-centroids';

describe('distanceKm', () => {
  it('is the same in both directions', () => {
    expect(distanceKm('FR', 'JP')).toBeCloseTo(distanceKm('JP', 'FR')!, 6);
    expect(distanceKm('GB', 'AU')).toBeCloseTo(distanceKm('AU', 'GB')!, 6);
  });

  it('puts France and Japan between 9,000 and 10,500 km apart', () => {
    const km = distanceKm('FR', 'JP')!;
    expect(km).toBeGreaterThan(9_000);
    expect(km).toBeLessThan(10_500);
  });

  it('puts neighbours a few hundred km apart', () => {
    const km = distanceKm('FR', 'DE')!;
    expect(km).toBeGreaterThan(500);
    expect(km).toBeLessThan(1_000);
  });

  it('is zero from a country to itself', () => {
    expect(distanceKm('FR', 'FR')).toBe(0);
  });

  it('is null when either country is not listed', () => {
    expect(distanceKm('FR', 'XX')).toBeNull();
    expect(distanceKm('XX', 'FR')).toBeNull();
    expect(distanceKm('fr', 'DE')).toBeNull();
  });

  it('lists every centroid as a valid latitude and longitude', () => {
    for (const [country, [latitude, longitude]] of Object.entries(COUNTRY_CENTROIDS)) {
      expect(country).toMatch(/^[A-Z]{2}$/);
      expect(Math.abs(latitude)).toBeLessThanOrEqual(90);
      expect(Math.abs(longitude)).toBeLessThanOrEqual(180);
    }
  });
});
