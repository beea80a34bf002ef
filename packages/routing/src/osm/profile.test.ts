import { describe, expect, it } from 'vitest';
import {
  carAllowed,
  carOneway,
  carRoadClass,
  carSpeedKmh,
  DEFAULT_CAR_PROFILE,
  parseMaxspeed,
  slopeFactor,
} from './profile.ts';

describe('parseMaxspeed', () => {
  it.each([
    ['50', 50],
    ['50 km/h', 50],
    [' 80 ', 80],
    ['30 mph', 30 * 1.609344],
    ['40;60', 40],
    ['walk', 6],
    ['none', undefined],
    ['signals', undefined],
    ['FR:urban', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%s → %s', (raw, expected) => {
    const v = parseMaxspeed(raw);
    if (expected === undefined) expect(v).toBeUndefined();
    else expect(v).toBeCloseTo(expected, 6);
  });
});

describe('carOneway', () => {
  it.each([
    [{ highway: 'residential' }, 'both'],
    [{ highway: 'residential', oneway: 'yes' }, 'forward'],
    [{ highway: 'residential', oneway: '1' }, 'forward'],
    [{ highway: 'residential', oneway: '-1' }, 'backward'],
    [{ highway: 'residential', oneway: 'reversible' }, 'none'],
    [{ highway: 'primary', junction: 'roundabout' }, 'forward'],
    [{ highway: 'primary', junction: 'roundabout', oneway: 'no' }, 'both'],
    [{ highway: 'motorway' }, 'forward'],
    [{ highway: 'motorway_link', oneway: 'no' }, 'both'],
  ] as const)('%o → %s', (tags, expected) => {
    expect(carOneway(tags)).toBe(expected);
  });
});

describe('carAllowed', () => {
  it.each([
    [{}, true],
    [{ access: 'no' }, false],
    [{ access: 'private' }, false],
    [{ access: 'no', motorcar: 'yes' }, true],
    [{ motor_vehicle: 'no' }, false],
    [{ motorcar: 'private' }, false],
    [{ access: 'destination' }, true],
    [{ vehicle: 'no', motor_vehicle: 'yes' }, true],
  ])('%o → %s', (tags, expected) => {
    expect(carAllowed(tags)).toBe(expected);
  });
});

describe('speeds', () => {
  it('uses the class default without maxspeed and a discounted maxspeed with one', () => {
    expect(carRoadClass('footway')).toBeUndefined();
    expect(carRoadClass('track')).toBeUndefined();
    expect(carSpeedKmh(DEFAULT_CAR_PROFILE, 'primary', {})).toBe(50);
    expect(carSpeedKmh(DEFAULT_CAR_PROFILE, 'primary', { maxspeed: '60' })).toBeCloseTo(54);
    expect(carSpeedKmh(DEFAULT_CAR_PROFILE, 'primary', { maxspeed: 'none' })).toBe(50);
  });

  it('slows both uphill and downhill, never below the floor', () => {
    expect(slopeFactor(DEFAULT_CAR_PROFILE, 0)).toBe(1);
    expect(slopeFactor(DEFAULT_CAR_PROFILE, 0.1)).toBeCloseTo(0.75);
    expect(slopeFactor(DEFAULT_CAR_PROFILE, -0.1)).toBeCloseTo(0.75);
    expect(slopeFactor(DEFAULT_CAR_PROFILE, 0.9)).toBe(0.5);
  });
});
