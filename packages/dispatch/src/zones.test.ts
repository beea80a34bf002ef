import type { LngLat } from '@ronghui/geo';
import { describe, expect, it } from 'vitest';
import { arrivalTarget, DEFAULT_ZONE_SETTINGS, zoneOf, type ZoneSettings } from './zones.ts';

const xunzhong = [118.245, 25.5] as LngLat;
const longxun = [118.24, 25.482] as LngLat;
const settings: ZoneSettings = { ...DEFAULT_ZONE_SETTINGS, countyTownSeats: [xunzhong, longxun] };

describe('zones', () => {
  it('puts the seats and their surroundings within 3 km in the county town', () => {
    expect(zoneOf(xunzhong, settings)).toBe('county-town');
    // about 2.7 km east of the 浔中 seat
    expect(zoneOf([118.272, 25.5] as LngLat, settings)).toBe('county-town');
    // about 3.5 km east: outside
    expect(zoneOf([118.28, 25.5] as LngLat, settings)).toBe('suburb');
  });

  it('calls the ring up to 10 km around the county town suburb, and the rest rural', () => {
    expect(zoneOf([118.27, 25.44] as LngLat, settings)).toBe('suburb'); // 三班 seat, ~6 km
    expect(zoneOf([118.02, 25.7] as LngLat, settings)).toBe('rural'); // 杨梅 seat
  });

  it('gives the target of the zone, and rural everywhere without a county town', () => {
    expect(arrivalTarget(longxun, settings)).toEqual({ zone: 'county-town', targetSeconds: 300 });
    expect(arrivalTarget([118.27, 25.44] as LngLat, settings).targetSeconds).toBe(600);
    expect(arrivalTarget(xunzhong, { ...settings, countyTownSeats: [] })).toEqual({
      zone: 'rural',
      targetSeconds: 1200,
    });
  });
});
