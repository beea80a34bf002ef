/**
 * The 九仙山 road-weather simulator: what the weather station, visibility meter and road-surface sensor at the
 * 九仙山 tunnel (Dehua, Fujian, ~1,000–1,600 m) would report at any moment, the 22 Dec 2023 replay, and
 * plates for simulated traffic. Deterministic: every random choice is a hash of the seed and a time knot, so
 * a demo, a test and a replay see the same weather; values are interpolated between knots, so consecutive
 * seconds differ little.
 */

export interface WeatherState {
  visibilityM: number;
  airTempC: number;
  surfaceTempC: number;
  dewPointC: number;
  friction: number;
  precipitationMmH: number;
  windSpeedMs: number;
  windGustMs: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const CHINA_OFFSET_MS = 8 * HOUR_MS;

// ── Seeded noise ────────────────────────────────────────────────────────────────────────────────────────

/** MurmurHash3's finaliser: a cheap, well-mixed 32-bit hash step. */
function fmix(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** A uniform number in [0, 1) for (seed, channel, knot). */
function hash01(seed: number, channel: number, k: number): number {
  const lo = k | 0;
  const hi = Math.floor(k / 4_294_967_296) | 0;
  let h = fmix((seed | 0) ^ 0x9e3779b9);
  h = fmix(h ^ Math.imul(channel + 1, 0x27d4eb2d));
  h = fmix(h ^ lo);
  h = fmix(h ^ Math.imul(hi, 0x165667b1));
  return h / 4_294_967_296;
}

/** Value noise in [0, 1): knots every `periodMs`, joined by smoothstep (no jumps, no corners at knots). */
function noise(seed: number, channel: number, atMs: number, periodMs: number): number {
  const x = atMs / periodMs;
  const k = Math.floor(x);
  const f = x - k;
  const s = f * f * (3 - 2 * f);
  const a = hash01(seed, channel, k);
  const b = hash01(seed, channel, k + 1);
  return a + (b - a) * s;
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
const smooth01 = (x: number): number => {
  const t = clamp(x, 0, 1);
  return t * t * (3 - 2 * t);
};

/** Noise channels (one per independent quantity). */
const CH = {
  synoptic: 1,
  tempJitter: 2,
  cloud: 3,
  rain: 4,
  rainCell: 5,
  fogNight: 6,
  fogStrength: 7,
  fogPatch: 8,
  clearVis: 9,
  wind: 10,
  windJitter: 11,
  gust: 12,
  gustSpike: 13,
  dryness: 14,
  friction: 15,
} as const;

// ── The model ───────────────────────────────────────────────────────────────────────────────────────────

/** Share of nights with fog on the mountain. */
const FOG_NIGHT_SHARE = 0.4;

/**
 * Diurnal shape in [−1, 1]: minimum at 06:00, maximum at 14:00, warming over 8 hours and cooling over 16
 * (continuous with zero slope at both turning points).
 */
function diurnal(hour: number): number {
  if (hour >= 6 && hour < 14) return -Math.cos((Math.PI * (hour - 6)) / 8);
  const since = (hour - 14 + 24) % 24;
  return Math.cos((Math.PI * since) / 16);
}

/** Fog window 22:00–08:00 with soft edges (fog forms over an hour, lifts over an hour and a half). */
function fogEnvelope(hour: number): number {
  if (hour >= 12) return smooth01((hour - 21) / 1.5);
  return 1 - smooth01((hour - 7.5) / 1.5);
}

/**
 * The weather at the 九仙山 tunnel at `atMs`. Air temperature follows the season (January nights about
 * −2…6 ℃, summer 18–26 ℃) plus multi-day swings (cold waves) and a diurnal cycle; the road cools below the
 * air on clear nights and warms above it in sun; fog comes on ~40 % of nights, patchy; friction drops when
 * wet and to ice values when a moist surface is at or below 0 ℃.
 */
export function jiuxianshanWeather(atMs: number, seed = 1): WeatherState {
  const local = atMs + CHINA_OFFSET_MS;
  const localDate = new Date(local);
  const hour = localDate.getUTCHours() + localDate.getUTCMinutes() / 60 + localDate.getUTCSeconds() / 3600;
  const yearStart = Date.UTC(localDate.getUTCFullYear(), 0, 1);
  const dayOfYear = (local - yearStart) / DAY_MS;
  // 0 in the coldest days (about 20 Jan), 1 in the warmest (about 22 Jul).
  const warmth = 0.5 - 0.5 * Math.cos((2 * Math.PI * (dayOfYear - 20)) / 365.25);

  // Clouds and rain: rain is more likely in the plum-rain and typhoon months.
  const wetSeason = 0.5 + 0.5 * warmth;
  const rainIndex = noise(seed, CH.rain, atMs, 3 * HOUR_MS);
  const rainThreshold = 0.86 - 0.12 * wetSeason;
  const raining = smooth01((rainIndex - rainThreshold) / 0.06);
  const cell = noise(seed, CH.rainCell, atMs, 20 * 60_000);
  const precipitationMmH = raining * (0.3 + 10 * wetSeason * cell * cell);
  const cloud = Math.max(noise(seed, CH.cloud, atMs, 6 * HOUR_MS), 0.9 * raining);

  // Fog: decided per night (the night belongs to the evening it starts on).
  const nightIndex = Math.floor((local - 12 * HOUR_MS) / DAY_MS);
  const foggyNight = hash01(seed, CH.fogNight, nightIndex) < FOG_NIGHT_SHARE;
  const strength = 0.75 + 0.25 * hash01(seed, CH.fogStrength, nightIndex);
  const patch = noise(seed, CH.fogPatch, atMs, 10 * 60_000);
  const fog = foggyNight ? fogEnvelope(hour) * strength * (0.6 + 0.4 * patch ** 0.7) : 0;

  // Air temperature.
  const seasonalMean = 4.5 + 17.5 * warmth;
  // Cold waves and warm spells swing winter by several degrees, summer much less.
  const swing = (noise(seed, CH.synoptic, atMs, 36 * HOUR_MS) - 0.5) * 7 * (1 - 0.55 * warmth);
  const jitter = (noise(seed, CH.tempJitter, atMs, HOUR_MS) - 0.5) * 0.8;
  const amplitude = (2 + 2.2 * (1 - cloud)) * (1 - 0.4 * fog);
  const airTempC = seasonalMean + swing + jitter + amplitude * diurnal(hour);

  // Road surface: radiative cooling at night, solar heating by day (stronger in summer).
  const solar = hour > 6.5 && hour < 18 ? Math.sin((Math.PI * (hour - 6.5)) / 11.5) : 0;
  const heating = solar * (1 - 0.8 * cloud) * (4 + 8 * warmth);
  const cooling = (1 - solar) * (0.5 + 3 * (1 - cloud)) * (1 - 0.7 * fog);
  const surfaceTempC = airTempC + heating - cooling;

  // Dew point: humid mountain nights, drier sunny days, saturated in fog and rain.
  const dryness = noise(seed, CH.dryness, atMs, 4 * HOUR_MS);
  const daytime = solar;
  const spread =
    (0.4 + 1.2 * dryness + daytime * (2 + 5 * dryness) * (1 - cloud)) * (1 - fog) * (1 - raining);
  const dewPointC = airTempC - Math.max(0.1, spread);

  // Visibility: 2–20 km in clear air, less in rain, down to ~30 m in the thickest fog.
  const clearVis =
    (2_000 + 18_000 * noise(seed, CH.clearVis, atMs, 3 * HOUR_MS) ** 1.5) / (1 + 0.4 * precipitationMmH);
  const visibilityM = Math.max(20, clearVis ** (1 - fog) * 30 ** fog);

  // Friction: dry 0.8, wet ~0.68, ice 0.3–0.55 when a moist surface is at or below 0 ℃.
  const condensing = smooth01((0.5 - (surfaceTempC - dewPointC)) / 1.5);
  const moisture = Math.max(smooth01(precipitationMmH / 0.5), smooth01((fog - 0.4) / 0.4), condensing);
  const freezing = smooth01((0.5 - surfaceTempC) / 0.5);
  const iceFriction = 0.55 - clamp(-surfaceTempC * 0.06, 0, 0.25);
  const wetFriction = 0.8 - 0.12 * moisture + (noise(seed, CH.friction, atMs, HOUR_MS) - 0.5) * 0.02;
  const friction = wetFriction + (iceFriction - wetFriction) * moisture * freezing;

  // Wind: mostly 1–8 m/s, stronger on cold-wave days; gusts 1.3–1.7× with rare spikes.
  const base = noise(seed, CH.wind, atMs, 3 * HOUR_MS);
  const windSpeedMs = Math.max(
    0.2,
    1 + 7 * base ** 1.3 + (noise(seed, CH.windJitter, atMs, 10 * 60_000) - 0.5) * 1.2 + 1.5 * raining,
  );
  const spike = noise(seed, CH.gustSpike, atMs, 5 * 60_000);
  const windGustMs =
    windSpeedMs * (1.3 + 0.4 * noise(seed, CH.gust, atMs, 60_000)) +
    (spike > 0.95 ? (spike - 0.95) * 160 : 0);

  return {
    visibilityM,
    airTempC,
    surfaceTempC,
    dewPointC,
    friction: clamp(friction, 0.05, 0.95),
    precipitationMmH,
    windSpeedMs,
    windGustMs,
  };
}

/** Which measurements each simulated device kind reports. */
export const WEATHER_MODEL_DEVICES = {
  weather: ['airTempC', 'dewPointC', 'precipitationMmH', 'windSpeedMs', 'windGustMs'],
  visibility: ['visibilityM'],
  surface: ['surfaceTempC', 'dewPointC', 'friction'],
} as const satisfies Record<'weather' | 'visibility' | 'surface', readonly (keyof WeatherState)[]>;

const round = (x: number, step: number): number => Math.round(x / step) * step;
const ROUNDING: Record<keyof WeatherState, (x: number) => number> = {
  visibilityM: (x) => Math.round(x),
  airTempC: (x) => Number(round(x, 0.1).toFixed(1)),
  surfaceTempC: (x) => Number(round(x, 0.1).toFixed(1)),
  dewPointC: (x) => Number(round(x, 0.1).toFixed(1)),
  friction: (x) => Number(round(x, 0.01).toFixed(2)),
  precipitationMmH: (x) => Number(round(x, 0.1).toFixed(1)),
  windSpeedMs: (x) => Number(round(x, 0.1).toFixed(1)),
  windGustMs: (x) => Number(round(x, 0.1).toFixed(1)),
};

/** What a device of `kind` would send for `state`, rounded as such devices report. */
export function readingFor(
  kind: 'weather' | 'visibility' | 'surface',
  state: WeatherState,
): Partial<WeatherState> {
  const out: Partial<WeatherState> = {};
  for (const key of WEATHER_MODEL_DEVICES[kind]) out[key] = ROUNDING[key](state[key]);
  return out;
}

// ── The 22 Dec 2023 replay ──────────────────────────────────────────────────────────────────────────────

export interface ReplayStep {
  offsetSeconds: number;
  device: 'surface' | 'weather' | 'visibility' | 'anpr';
  reading?: Partial<WeatherState>;
  plate?: string;
  note: { zh: string; en: string };
}

/**
 * 22 Dec 2023 at the 九仙山 tunnel mouth: a cold wave, the road froze overnight; around 07:00 the sign at the
 * tunnel mouth warned 闽C8H58M by plate (`闽C8H58M,冰冻天气,地面湿滑,保持车距`); after sunrise the road thawed.
 */
export const JIUXIANSHAN_2023_12_22: { startsAt: string; steps: ReplayStep[] } = {
  startsAt: '2023-12-22T06:20:00+08:00',
  steps: [
    {
      offsetSeconds: 0,
      device: 'weather',
      reading: { airTempC: -3.4, dewPointC: -4.1, precipitationMmH: 0, windSpeedMs: 4.2, windGustMs: 7.8 },
      note: {
        zh: '寒潮过境，九仙山气温 −3.4 ℃，西北风 4 米/秒',
        en: 'A cold wave: −3.4 ℃ at 九仙山, north-west wind 4 m/s',
      },
    },
    {
      offsetSeconds: 30,
      device: 'visibility',
      reading: { visibilityM: 6500 },
      note: { zh: '无雾，能见度 6.5 公里', en: 'No fog, visibility 6.5 km' },
    },
    {
      offsetSeconds: 60,
      device: 'surface',
      reading: { surfaceTempC: -0.8, dewPointC: -4.0, friction: 0.62 },
      note: {
        zh: '隧道口路面温度 −0.8 ℃，夜间水汽在路面结冰',
        en: 'Road surface at the tunnel mouth −0.8 ℃; overnight moisture freezing on the road',
      },
    },
    {
      offsetSeconds: 600,
      device: 'surface',
      reading: { surfaceTempC: -1.5, dewPointC: -4.1, friction: 0.52 },
      note: { zh: '路面温度继续下降至 −1.5 ℃，摩擦系数 0.52', en: 'Surface down to −1.5 ℃, friction 0.52' },
    },
    {
      offsetSeconds: 1080,
      device: 'surface',
      reading: { surfaceTempC: -2.0, dewPointC: -4.2, friction: 0.45 },
      note: {
        zh: '路面 −2.0 ℃，摩擦系数 0.45：路面结冰',
        en: 'Surface −2.0 ℃, friction 0.45: ice on the road',
      },
    },
    {
      offsetSeconds: 1200,
      device: 'anpr',
      plate: '闽C3K27P',
      note: { zh: '隧道口前卡口识别车辆 闽C3K27P', en: 'The approach camera reads 闽C3K27P' },
    },
    {
      offsetSeconds: 1200,
      device: 'surface',
      reading: { surfaceTempC: -2.0, dewPointC: -4.2, friction: 0.45 },
      note: {
        zh: '路面结冰持续（−2.0 ℃，0.45），冰冻预警生效',
        en: 'Ice persists (−2.0 ℃, 0.45): the ice warning takes effect',
      },
    },
    {
      offsetSeconds: 1500,
      device: 'anpr',
      plate: '闽CD12345',
      note: { zh: '卡口识别新能源车 闽CD12345', en: 'The camera reads the electric car 闽CD12345' },
    },
    {
      offsetSeconds: 1800,
      device: 'surface',
      reading: { surfaceTempC: -2.1, dewPointC: -4.3, friction: 0.44 },
      note: { zh: '路面 −2.1 ℃，摩擦系数 0.44', en: 'Surface −2.1 ℃, friction 0.44' },
    },
    {
      offsetSeconds: 1980,
      device: 'anpr',
      plate: '闽A7N3Q1',
      note: { zh: '卡口识别车辆 闽A7N3Q1', en: 'The camera reads 闽A7N3Q1' },
    },
    {
      offsetSeconds: 2400,
      device: 'anpr',
      plate: '闽C8H58M',
      note: {
        zh: '07:00 卡口识别 闽C8H58M，隧道口情报板显示：闽C8H58M,冰冻天气,地面湿滑,保持车距',
        en: '07:00 the camera reads 闽C8H58M; the sign at the tunnel mouth shows: 闽C8H58M, icy weather, slippery road, keep your distance',
      },
    },
    {
      offsetSeconds: 2700,
      device: 'weather',
      reading: { airTempC: -2.6, dewPointC: -3.9, precipitationMmH: 0, windSpeedMs: 3.1, windGustMs: 5.6 },
      note: { zh: '日出，气温回升至 −2.6 ℃', en: 'Sunrise: air up to −2.6 ℃' },
    },
    {
      offsetSeconds: 3000,
      device: 'surface',
      reading: { surfaceTempC: -1.2, dewPointC: -3.9, friction: 0.53 },
      note: { zh: '阳光照射，路面升温至 −1.2 ℃', en: 'Sunshine warms the road to −1.2 ℃' },
    },
    {
      offsetSeconds: 3300,
      device: 'anpr',
      plate: '粤B5L29Q',
      note: { zh: '卡口识别外省车辆 粤B5L29Q', en: 'The camera reads 粤B5L29Q from another province' },
    },
    {
      offsetSeconds: 3600,
      device: 'surface',
      reading: { surfaceTempC: 0.6, dewPointC: -3.6, friction: 0.7 },
      note: { zh: '路面升至 0.6 ℃，冰面开始融化', en: 'The road reaches 0.6 ℃; the ice begins to melt' },
    },
  ],
};

// ── Plates for simulated traffic ────────────────────────────────────────────────────────────────────────

/** GA 36 letters: no I or O. */
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '0123456789';
/** Other provinces seen on Dehua's roads, with a plausible authority letter range each. */
const VISITORS: [string, string][] = [
  ['粤', 'ABCDEFLS'],
  ['浙', 'ABCDJ'],
  ['赣', 'ABCDGK'],
  ['沪', 'ABCD'],
  ['苏', 'ABDE'],
  ['京', 'ANPQ'],
  ['湘', 'ABDL'],
];

/**
 * A deterministic stream of valid plates: ~80 % 闽 (mostly 闽C 泉州, some 闽A 福州, 闽B 莆田, 闽D 厦门 and the
 * rest of Fujian), the rest from other provinces; ~20 % new-energy 8-character plates (small cars D/F in the
 * third place, a few large ones ending D/F).
 */
export function plateStream(seed: number): (i: number) => string {
  return (i: number): string => {
    let n = 0;
    const next = (): number => hash01(seed, 100 + n++, i);
    const pick = (s: string): string => s.charAt(Math.floor(next() * s.length));
    let province: string;
    let authority: string;
    const p = next();
    if (p < 0.8) {
      province = '闽';
      const a = next();
      authority = a < 0.72 ? 'C' : a < 0.82 ? 'A' : a < 0.88 ? 'B' : a < 0.95 ? 'D' : pick('EFGHJK');
    } else {
      const [prov, letters] = VISITORS[Math.floor(next() * VISITORS.length)]!;
      province = prov;
      authority = pick(letters);
    }
    const kind = next();
    if (kind < 0.17) {
      // Small new-energy car: D (battery-electric) or F (other), a letter or digit, then four digits.
      let body = pick('DF') + pick(LETTERS + DIGITS);
      for (let k = 0; k < 4; k++) body += pick(DIGITS);
      return province + authority + body;
    }
    if (kind < 0.2) {
      let body = '';
      for (let k = 0; k < 5; k++) body += pick(DIGITS);
      return province + authority + body + pick('DF');
    }
    // Ordinary: five characters, mostly digits with up to a few letters.
    let body = '';
    for (let k = 0; k < 5; k++) body += next() < 0.3 ? pick(LETTERS) : pick(DIGITS);
    return province + authority + body;
  };
}
