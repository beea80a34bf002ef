import { parsePlate } from '@ronghui/ids';
import { describe, expect, it } from 'vitest';
import {
  JIUXIANSHAN_2023_12_22,
  jiuxianshanWeather,
  plateStream,
  readingFor,
  WEATHER_MODEL_DEVICES,
  type WeatherState,
} from './weather-model.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const chinaHour = (t: number): number => new Date(t + 8 * HOUR).getUTCHours();
const chinaDay = (t: number): string => new Date(t + 8 * HOUR).toISOString().slice(0, 10);

/** Every 10 minutes from `from` for `days` days. */
function sample(from: string, days: number, seed = 1): { t: number; w: WeatherState }[] {
  const start = Date.parse(from);
  const out: { t: number; w: WeatherState }[] = [];
  for (let t = start; t < start + days * DAY; t += 600_000) out.push({ t, w: jiuxianshanWeather(t, seed) });
  return out;
}

describe('jiuxianshanWeather', () => {
  it('is deterministic per time and seed, and the seed matters', () => {
    const t = Date.parse('2024-01-15T05:30:00+08:00');
    expect(jiuxianshanWeather(t, 3)).toEqual(jiuxianshanWeather(t, 3));
    expect(jiuxianshanWeather(t)).toEqual(jiuxianshanWeather(t, 1));
    const a = sample('2024-01-01T00:00:00+08:00', 3, 1).map((s) => s.w.airTempC);
    const b = sample('2024-01-01T00:00:00+08:00', 3, 2).map((s) => s.w.airTempC);
    expect(a).not.toEqual(b);
  });

  it('changes little from one second to the next', () => {
    const start = Date.parse('2024-01-01T00:00:00+08:00');
    for (let i = 0; i < 3000; i++) {
      // Spread over a year, including odd seconds and knot boundaries.
      const t = start + i * 10_513_007;
      const a = jiuxianshanWeather(t);
      const b = jiuxianshanWeather(t + 1000);
      expect(Math.abs(a.airTempC - b.airTempC)).toBeLessThan(0.05);
      expect(Math.abs(a.surfaceTempC - b.surfaceTempC)).toBeLessThan(0.05);
      expect(Math.abs(a.dewPointC - b.dewPointC)).toBeLessThan(0.05);
      expect(Math.abs(a.friction - b.friction)).toBeLessThan(0.01);
      expect(Math.abs(a.visibilityM - b.visibilityM) / a.visibilityM).toBeLessThan(0.03);
      expect(Math.abs(a.precipitationMmH - b.precipitationMmH)).toBeLessThan(0.1);
      expect(Math.abs(a.windSpeedMs - b.windSpeedMs)).toBeLessThan(0.1);
      expect(Math.abs(a.windGustMs - b.windGustMs)).toBeLessThan(1.5);
    }
  });

  it('freezes some January mornings and fogs some nights, with ice friction 0.3–0.55', () => {
    const jan = sample('2024-01-01T00:00:00+08:00', 31);
    const icyMornings = new Set<string>();
    const fogNights = new Set<string>();
    let dense = 0;
    for (const { t, w } of jan) {
      const h = chinaHour(t);
      if (h >= 3 && h <= 9 && w.surfaceTempC <= 0 && w.friction < 0.6) icyMornings.add(chinaDay(t));
      if (w.visibilityM < 200) {
        fogNights.add(chinaDay(t - 12 * HOUR));
        // Fog is a night phenomenon here: 21:00–09:00.
        expect(h >= 21 || h < 9).toBe(true);
      }
      if (w.visibilityM < 50) dense++;
      // A surface at or below 0 ℃ and a degree under the dew point is wet with condensation: ice.
      if (w.surfaceTempC <= 0 && w.surfaceTempC <= w.dewPointC - 1) {
        expect(w.friction).toBeGreaterThanOrEqual(0.3);
        expect(w.friction).toBeLessThanOrEqual(0.56);
      }
      if (w.friction < 0.6) expect(w.friction).toBeGreaterThanOrEqual(0.3);
      expect(w.airTempC).toBeGreaterThan(-8);
      expect(w.airTempC).toBeLessThan(14);
    }
    expect(icyMornings.size).toBeGreaterThanOrEqual(3);
    expect(icyMornings.size).toBeLessThan(31);
    expect(fogNights.size).toBeGreaterThanOrEqual(3);
    expect(dense).toBeGreaterThan(0);
  });

  it('fogs roughly 40 % of nights over a year', () => {
    const year = Date.parse('2024-01-01T00:00:00+08:00');
    let foggy = 0;
    for (let d = 0; d < 365; d++) {
      // 02:00 through 05:00, each 10 minutes: a foggy night drops below 1 km at some point.
      let min = Number.POSITIVE_INFINITY;
      for (let m = 0; m <= 180; m += 10) {
        min = Math.min(min, jiuxianshanWeather(year + d * DAY + 2 * HOUR + m * 60_000, 5).visibilityM);
      }
      if (min < 1000) foggy++;
    }
    expect(foggy / 365).toBeGreaterThan(0.28);
    expect(foggy / 365).toBeLessThan(0.55);
  });

  it('has no ice and no dense fog on summer afternoons, and a diurnal cycle', () => {
    const summer = sample('2024-07-01T00:00:00+08:00', 62);
    let six = 0;
    let fourteen = 0;
    for (const { t, w } of summer) {
      const h = chinaHour(t);
      if (h >= 12 && h <= 17) {
        expect(w.surfaceTempC).toBeGreaterThan(0);
        expect(w.visibilityM).toBeGreaterThanOrEqual(200);
        expect(w.friction).toBeGreaterThan(0.6);
      }
      expect(w.airTempC).toBeGreaterThan(12);
      expect(w.airTempC).toBeLessThan(32);
      if (h === 6) six += w.airTempC;
      if (h === 14) fourteen += w.airTempC;
    }
    // Same number of samples at each hour: the afternoon is warmer on average.
    expect(fourteen).toBeGreaterThan(six + 6 * 62 * 2);
  });

  it('keeps the road colder than the air on clear nights and warmer in the sun', () => {
    const jan = sample('2024-01-01T00:00:00+08:00', 31);
    const night = jan.filter(({ t }) => chinaHour(t) >= 1 && chinaHour(t) <= 5);
    const noon = jan.filter(({ t }) => chinaHour(t) >= 11 && chinaHour(t) <= 13);
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(night.map(({ w }) => w.surfaceTempC - w.airTempC))).toBeLessThan(-0.5);
    expect(mean(noon.map(({ w }) => w.surfaceTempC - w.airTempC))).toBeGreaterThan(0.5);
    // Humid mountain nights: dew point within a couple of degrees of the air.
    expect(mean(night.map(({ w }) => w.airTempC - w.dewPointC))).toBeLessThan(2);
    for (const { w } of jan) expect(w.dewPointC).toBeLessThanOrEqual(w.airTempC);
  });

  it('keeps wind mostly within 1–8 m/s with gusts above the mean wind', () => {
    const all = sample('2024-03-01T00:00:00+08:00', 60);
    const calmToModerate = all.filter(({ w }) => w.windSpeedMs >= 0.5 && w.windSpeedMs <= 9).length;
    expect(calmToModerate / all.length).toBeGreaterThan(0.9);
    for (const { w } of all) expect(w.windGustMs).toBeGreaterThan(w.windSpeedMs);
  });
});

describe('device readings', () => {
  const state: WeatherState = {
    visibilityM: 187.6,
    airTempC: -1.234,
    surfaceTempC: -2.049,
    dewPointC: -2.76,
    friction: 0.4471,
    precipitationMmH: 0.04,
    windSpeedMs: 3.26,
    windGustMs: 6.01,
  };

  it('reports only what each device kind measures, rounded', () => {
    expect(readingFor('visibility', state)).toEqual({ visibilityM: 188 });
    expect(readingFor('surface', state)).toEqual({ surfaceTempC: -2, dewPointC: -2.8, friction: 0.45 });
    expect(readingFor('weather', state)).toEqual({
      airTempC: -1.2,
      dewPointC: -2.8,
      precipitationMmH: 0,
      windSpeedMs: 3.3,
      windGustMs: 6,
    });
    expect(WEATHER_MODEL_DEVICES.visibility).toEqual(['visibilityM']);
  });
});

describe('the 22 Dec 2023 replay', () => {
  const { startsAt, steps } = JIUXIANSHAN_2023_12_22;

  it('starts on 22 Dec 2023 China time and is ordered over 30–60 minutes', () => {
    expect(startsAt).toMatch(/^2023-12-22T\d\d:\d\d:\d\d\+08:00$/);
    expect(steps.length).toBeGreaterThanOrEqual(10);
    expect(steps.length).toBeLessThanOrEqual(20);
    for (let i = 1; i < steps.length; i++) {
      expect(steps[i]!.offsetSeconds).toBeGreaterThanOrEqual(steps[i - 1]!.offsetSeconds);
    }
    const span = steps[steps.length - 1]!.offsetSeconds - steps[0]!.offsetSeconds;
    expect(span).toBeGreaterThanOrEqual(30 * 60);
    expect(span).toBeLessThanOrEqual(60 * 60);
    for (const s of steps) {
      expect(s.note.zh.length).toBeGreaterThan(0);
      expect(s.note.en.length).toBeGreaterThan(0);
      expect(s.device === 'anpr' ? s.plate : s.reading).toBeDefined();
    }
  });

  it('has the road at −2 ℃ and friction 0.45 for at least a minute before 闽C8H58M arrives, then thaws', () => {
    const iced = steps.filter(
      (s) => s.device === 'surface' && s.reading?.surfaceTempC === -2 && s.reading.friction === 0.45,
    );
    expect(iced.length).toBeGreaterThanOrEqual(2);
    expect(iced[iced.length - 1]!.offsetSeconds - iced[0]!.offsetSeconds).toBeGreaterThanOrEqual(60);
    const car = steps.find((s) => s.device === 'anpr' && s.plate === '闽C8H58M');
    expect(car).toBeDefined();
    expect(car!.offsetSeconds).toBeGreaterThan(iced[1]!.offsetSeconds);
    // Around 07:00.
    const at = Date.parse(startsAt) + car!.offsetSeconds * 1000;
    expect(Math.abs(at - Date.parse('2023-12-22T07:00:00+08:00'))).toBeLessThanOrEqual(15 * 60_000);
    expect(car!.note.zh).toContain('闽C8H58M,冰冻天气,地面湿滑,保持车距');
    // Other cars passed before it.
    expect(
      steps.filter((s) => s.device === 'anpr' && s.offsetSeconds < car!.offsetSeconds).length,
    ).toBeGreaterThan(0);
    // Surface temperature falls to the minimum, then the sun warms it above freezing.
    const surface = steps.filter((s) => s.device === 'surface').map((s) => s.reading!.surfaceTempC!);
    const lowest = Math.min(...surface);
    expect(surface[0]!).toBeGreaterThan(lowest);
    expect(surface[surface.length - 1]!).toBeGreaterThan(0);
  });

  it('uses only valid plates', () => {
    for (const s of steps.filter((x) => x.device === 'anpr')) expect(parsePlate(s.plate!).ok).toBe(true);
  });
});

describe('plateStream', () => {
  it('gives valid, deterministic, mostly local plates with some new-energy ones', () => {
    const next = plateStream(42);
    const plates = Array.from({ length: 5000 }, (_, i) => next(i));
    expect(plates).toEqual(Array.from({ length: 5000 }, (_, i) => plateStream(42)(i)));
    expect(plateStream(43)(0) + plateStream(43)(1)).not.toBe(plates[0]! + plates[1]!);
    let minC = 0;
    let otherFujian = 0;
    let visitors = 0;
    let newEnergy = 0;
    for (const p of plates) {
      const parsed = parsePlate(p);
      expect(parsed.ok, p).toBe(true);
      expect(p).not.toMatch(/[IO]/);
      if (!parsed.ok) continue;
      const { province, authority, kind } = parsed.value;
      if (province === '闽' && authority === 'C') minC++;
      else if (province === '闽') otherFujian++;
      else visitors++;
      if (kind === 'new-energy-small') {
        expect('DF').toContain(p.charAt(2));
        newEnergy++;
      } else if (kind === 'new-energy-large') newEnergy++;
      else expect(kind).toBe('ordinary');
    }
    expect(minC / plates.length).toBeGreaterThan(0.5);
    expect(otherFujian).toBeGreaterThan(200);
    expect(visitors).toBeGreaterThan(300);
    expect(newEnergy / plates.length).toBeGreaterThan(0.1);
    expect(newEnergy / plates.length).toBeLessThan(0.35);
  });
});
