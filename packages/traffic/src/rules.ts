import type { TrafficCondition, TrafficLevel, TrafficRules } from '@ronghui/contracts';
import type { Advice, Reading, Transition } from './types.ts';

/**
 * Road-weather rules: which condition at which level a section's sensors show, with hysteresis margins and
 * minimum durations so a hazard (and the signs and road events that follow it) does not flap on noisy
 * readings. Pure: time is the readings' own time (or the clock given to `tick`).
 */

/**
 * Defaults. Fog by the CMA signals (visibility < 500 / 200 / 50 m); ice, frost and slippery by the RWIS
 * defaults (friction < 0.6 with the surface ≤ 0 ℃, red below 0.4; friction < 0.7); wind by gust at
 * Beaufort 8 / 10 / 12 (17.2 / 24.5 / 32.7 m/s); rain by hourly intensity 16 / 30 / 50 mm/h.
 */
export const DEFAULT_TRAFFIC_RULES: TrafficRules = {
  fogYellowM: 500,
  fogOrangeM: 200,
  fogRedM: 50,
  iceSurfaceC: 0,
  iceFriction: 0.6,
  iceRedFriction: 0.4,
  slipperyFriction: 0.7,
  windYellowMs: 17.2,
  windOrangeMs: 24.5,
  windRedMs: 32.7,
  rainYellowMmH: 16,
  rainOrangeMmH: 30,
  rainRedMmH: 50,
  visibilityHysteresis: 0.2,
  temperatureHysteresisC: 0.5,
  frictionHysteresis: 0.05,
  minOnSeconds: 60,
  minOffSeconds: 600,
};

/**
 * Wind and rain have no margin of their own in the rules: a level stays until the value falls this share
 * below its threshold (0.1 = 10 %, a gust of 15.5 m/s still holds a 17.2 m/s level).
 */
const RISING_HYSTERESIS = 0.1;

const RANK: Record<TrafficLevel, number> = { yellow: 1, orange: 2, red: 3 };
const rank = (level: TrafficLevel | null): number => (level ? RANK[level] : 0);

// ── Advice ──────────────────────────────────────────────────────────────────────────────────────────────

/** 第八十一条 bands, strictest first: below `belowM` the limit, gap and travel-speed multiplier (null = close). */
const FOG_BANDS: { belowM: number; speedLimitKmh: number; gapM: number; speedFactor: number | null }[] = [
  { belowM: 50, speedLimitKmh: 20, gapM: 50, speedFactor: null },
  { belowM: 100, speedLimitKmh: 40, gapM: 50, speedFactor: 0.35 },
  { belowM: 200, speedLimitKmh: 60, gapM: 100, speedFactor: 0.5 },
  // Below 500 m (yellow) the article sets nothing; 80 km/h and 150 m is the local rule.
  { belowM: Number.POSITIVE_INFINITY, speedLimitKmh: 80, gapM: 150, speedFactor: 0.7 },
];

const FOG_LEVEL_VISIBILITY: Record<TrafficLevel, number> = {
  yellow: DEFAULT_TRAFFIC_RULES.fogYellowM - 1,
  orange: DEFAULT_TRAFFIC_RULES.fogOrangeM - 1,
  red: DEFAULT_TRAFFIC_RULES.fogRedM - 1,
};

const fogBand = (visibilityM: number) => FOG_BANDS.findIndex((b) => visibilityM < b.belowM);

/**
 * NTCIP 1204 essVisibilitySituation: yellow fog is 团雾, `patchyFog` (5); orange and red fog cover the
 * stretch, `fogNotPatchy` (4). DATEX II PoorEnvironmentTypeEnum: `patchyFog`, `fog`, and `denseFog`
 * (visibility 50 m or less).
 */
const FOG_CODES: Record<TrafficLevel, { ntcipCode: number; datexType: string }> = {
  yellow: { ntcipCode: 5, datexType: 'PoorEnvironmentConditions/patchyFog' },
  orange: { ntcipCode: 4, datexType: 'PoorEnvironmentConditions/fog' },
  red: { ntcipCode: 4, datexType: 'PoorEnvironmentConditions/denseFog' },
};

type Fixed = Omit<Advice, 'ntcipCode' | 'datexType'>;
const fixed = (speedLimitKmh: number | null, gapM: number | null, speedFactor: number | null): Fixed => ({
  speedLimitKmh,
  gapM,
  speedFactor,
});

/** Advice for every condition but fog, by level. Closing (speedFactor null) only for red wind. */
const ADVICE: Record<Exclude<TrafficCondition, 'fog'>, Record<TrafficLevel, Fixed>> = {
  ice: { yellow: fixed(60, 100, 0.6), orange: fixed(40, 100, 0.4), red: fixed(20, 50, 0.25) },
  frost: { yellow: fixed(50, 100, 0.6), orange: fixed(50, 100, 0.6), red: fixed(50, 100, 0.6) },
  slippery: { yellow: fixed(60, 100, 0.7), orange: fixed(60, 100, 0.7), red: fixed(60, 100, 0.7) },
  wind: { yellow: fixed(60, null, 0.6), orange: fixed(40, null, 0.4), red: fixed(null, null, null) },
  rain: { yellow: fixed(60, 100, 0.7), orange: fixed(40, 50, 0.5), red: fixed(20, 50, 0.3) },
};

/**
 * NTCIP 1204 essSurfaceStatus: iceWarning 7, frost 13, iceWatch 8 (slippery: ice may form). DATEX II:
 * WeatherRelatedRoadConditionTypeEnum `ice` and `slipperyRoad`; hoar frost is PoorEnvironmentTypeEnum
 * `frost` (the road-condition enum has no frost); wind by Beaufort name (gales, storm force, hurricane
 * force). Wind and rain have no NTCIP situation code.
 */
const CODES: Record<Exclude<TrafficCondition, 'fog'>, (level: TrafficLevel) => Omit<Advice, keyof Fixed>> = {
  ice: () => ({ ntcipCode: 7, datexType: 'WeatherRelatedRoadConditions/ice' }),
  frost: () => ({ ntcipCode: 13, datexType: 'PoorEnvironmentConditions/frost' }),
  slippery: () => ({ ntcipCode: 8, datexType: 'WeatherRelatedRoadConditions/slipperyRoad' }),
  wind: (level) => ({
    ntcipCode: null,
    datexType: `PoorEnvironmentConditions/${{ yellow: 'gales', orange: 'stormForceWinds', red: 'hurricaneForceWinds' }[level]}`,
  }),
  rain: () => ({ ntcipCode: null, datexType: 'PoorEnvironmentConditions/heavyRain' }),
};

/**
 * What drivers are told and what the road engine does for a condition at a level. Fog follows 第八十一条
 * from the visibility when it is known, but never less strictly than the level itself asks (a red fog kept
 * by hysteresis at 55 m still closes the road); without visibility, from the level's default threshold.
 */
export function advise(condition: TrafficCondition, level: TrafficLevel, visibilityM?: number): Advice {
  if (condition === 'fog') {
    const byLevel = fogBand(FOG_LEVEL_VISIBILITY[level]);
    const band = FOG_BANDS[visibilityM === undefined ? byLevel : Math.min(byLevel, fogBand(visibilityM))]!;
    return {
      speedLimitKmh: band.speedLimitKmh,
      gapM: band.gapM,
      speedFactor: band.speedFactor,
      ...FOG_CODES[level],
    };
  }
  return { ...ADVICE[condition][level], ...CODES[condition](level) };
}

// ── Merging a section's readings ────────────────────────────────────────────────────────────────────────

interface Merged {
  visibilityM: number | undefined;
  surfaceTempC: number | undefined;
  dewPointC: number | undefined;
  friction: number | undefined;
  precipitationMmH: number | undefined;
  windMs: number | undefined;
  /** Surface temperature and dew point of devices that measure both. */
  pairs: { surfaceTempC: number; dewPointC: number }[];
}

const minOf = (a: number | undefined, b: number | undefined) =>
  b === undefined ? a : a === undefined ? b : Math.min(a, b);
const maxOf = (a: number | undefined, b: number | undefined) =>
  b === undefined ? a : a === undefined ? b : Math.max(a, b);

/** The worst of the section's fresh readings: lowest visibility, surface and friction, highest rain and wind. */
function merge(readings: Reading[]): Merged {
  const m: Merged = {
    visibilityM: undefined,
    surfaceTempC: undefined,
    dewPointC: undefined,
    friction: undefined,
    precipitationMmH: undefined,
    windMs: undefined,
    pairs: [],
  };
  for (const r of readings) {
    m.visibilityM = minOf(m.visibilityM, r.visibilityM);
    m.surfaceTempC = minOf(m.surfaceTempC, r.surfaceTempC);
    m.dewPointC = maxOf(m.dewPointC, r.dewPointC);
    m.friction = minOf(m.friction, r.friction);
    m.precipitationMmH = maxOf(m.precipitationMmH, r.precipitationMmH);
    m.windMs = maxOf(m.windMs, r.windGustMs ?? r.windSpeedMs);
    if (r.surfaceTempC !== undefined && r.dewPointC !== undefined)
      m.pairs.push({ surfaceTempC: r.surfaceTempC, dewPointC: r.dewPointC });
  }
  return m;
}

// ── Targets: the level each condition should have now (undefined = cannot tell) ────────────────────────

type Level = TrafficLevel | null;
const LEVELS_DOWN: TrafficLevel[] = ['red', 'orange', 'yellow'];

/** Highest level whose test passes; a level at or below the current one is tested with its margin. */
function highest(current: Level, holds: (level: TrafficLevel, stay: boolean) => boolean): Level {
  for (const level of LEVELS_DOWN) if (holds(level, RANK[level] <= rank(current))) return level;
  return null;
}

function fogTarget(m: Merged, r: TrafficRules, current: Level): Level | undefined {
  const v = m.visibilityM;
  if (v === undefined) return undefined;
  const limits = { yellow: r.fogYellowM, orange: r.fogOrangeM, red: r.fogRedM };
  return highest(current, (level, stay) => v < limits[level] * (stay ? 1 + r.visibilityHysteresis : 1));
}

/** Wind and rain: levels rise at their threshold and hold until 10 % below it. */
function risingTarget(
  value: number | undefined,
  limits: Record<TrafficLevel, number>,
  current: Level,
): Level | undefined {
  if (value === undefined) return undefined;
  return highest(current, (level, stay) => value >= limits[level] * (stay ? 1 - RISING_HYSTERESIS : 1));
}

function iceTarget(m: Merged, r: TrafficRules, current: Level): Level | undefined {
  const s = m.surfaceTempC;
  const f = m.friction;
  if (s === undefined || f === undefined) return undefined;
  const limits = { yellow: Number.NEGATIVE_INFINITY, orange: r.iceFriction, red: r.iceRedFriction };
  return highest(current, (level, stay) => {
    const dt = stay ? r.temperatureHysteresisC : 0;
    const df = stay ? r.frictionHysteresis : 0;
    return s <= r.iceSurfaceC + dt && f < limits[level] + df;
  });
}

/** Hoar frost: the surface below the dew point and at or below freezing, on one device when it measures both. */
function frostTarget(m: Merged, r: TrafficRules, current: Level): Level | undefined {
  const pairs =
    m.pairs.length > 0
      ? m.pairs
      : m.surfaceTempC !== undefined && m.dewPointC !== undefined
        ? [{ surfaceTempC: m.surfaceTempC, dewPointC: m.dewPointC }]
        : [];
  if (pairs.length === 0) return undefined;
  const stay = current !== null;
  const dt = stay ? r.temperatureHysteresisC : 0;
  const frosty = pairs.some((p) => p.surfaceTempC < p.dewPointC + dt && p.surfaceTempC <= r.iceSurfaceC + dt);
  return frosty ? 'yellow' : null;
}

function slipperyTarget(m: Merged, r: TrafficRules, current: Level): Level | undefined {
  const f = m.friction;
  if (f === undefined) return undefined;
  const limit = r.slipperyFriction + (current !== null ? r.frictionHysteresis : 0);
  return f < limit ? 'yellow' : null;
}

/** Evaluation order; the surface group (ice, frost, slippery) is listed most severe first. */
const ORDER: TrafficCondition[] = ['fog', 'ice', 'frost', 'slippery', 'wind', 'rain'];
/** Conditions that, while active, keep this one off (only the most severe surface condition shows). */
const OUTRANKED_BY: Partial<Record<TrafficCondition, TrafficCondition[]>> = {
  frost: ['ice'],
  slippery: ['ice', 'frost'],
};

function targetOf(
  condition: TrafficCondition,
  m: Merged,
  r: TrafficRules,
  current: Level,
): Level | undefined {
  switch (condition) {
    case 'fog':
      return fogTarget(m, r, current);
    case 'ice':
      return iceTarget(m, r, current);
    case 'frost':
      return frostTarget(m, r, current);
    case 'slippery':
      return slipperyTarget(m, r, current);
    case 'wind':
      return risingTarget(
        m.windMs,
        { yellow: r.windYellowMs, orange: r.windOrangeMs, red: r.windRedMs },
        current,
      );
    case 'rain':
      return risingTarget(
        m.precipitationMmH,
        { yellow: r.rainYellowMmH, orange: r.rainOrangeMmH, red: r.rainRedMmH },
        current,
      );
  }
}

// ── The engine ──────────────────────────────────────────────────────────────────────────────────────────

interface ConditionState {
  level: Level;
  since: number;
  /** A different level the readings point to, and since when without a contradicting reading. */
  pending: { target: Level; since: number } | null;
}

interface SectionState {
  /** Latest reading per device. */
  devices: Map<string, Reading>;
  conditions: Record<TrafficCondition, ConditionState>;
  /** Latest reading time seen: decisions never go back in time when a device reports late. */
  lastAt: number;
}

export interface RuleEngineOptions {
  rulesOf(sectionId: string): TrafficRules;
  /** Readings older than this before the newest one are not merged (default 15 minutes). */
  staleMs?: number;
}

export interface ActiveCondition {
  sectionId: string;
  condition: TrafficCondition;
  level: TrafficLevel;
  since: number;
}

export interface RuleEngine {
  observe(sectionId: string, reading: Reading): Transition[];
  tick(nowMs: number): Transition[];
  active(sectionId?: string): ActiveCondition[];
  restore(sectionId: string, condition: TrafficCondition, level: TrafficLevel, since: number): void;
  forget(sectionId: string): void;
}

const DEFAULT_STALE_MS = 15 * 60_000;

const newSection = (): SectionState => {
  const blank = (): ConditionState => ({ level: null, since: 0, pending: null });
  return {
    devices: new Map(),
    conditions: {
      fog: blank(),
      ice: blank(),
      frost: blank(),
      slippery: blank(),
      wind: blank(),
      rain: blank(),
    },
    lastAt: Number.NEGATIVE_INFINITY,
  };
};

/**
 * The rule engine for all sections. Per section it keeps the latest reading of each device and the state of
 * each condition; `observe` costs O(devices on the section).
 */
export function createRuleEngine(options: RuleEngineOptions): RuleEngine {
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const sections = new Map<string, SectionState>();

  const fresh = (section: SectionState, at: number): Reading[] => {
    const out: Reading[] = [];
    for (const r of section.devices.values()) if (r.at >= at - staleMs) out.push(r);
    return out;
  };

  /**
   * Moves one condition toward `target` (undefined: no inputs, keep the pending change as it is) and
   * completes the pending change once it has held long enough by `now`. `atDue`: the transition is dated
   * when the duration was completed (the clock may be later) rather than at `now`.
   */
  const step = (
    sectionId: string,
    section: SectionState,
    condition: TrafficCondition,
    target: Level | undefined,
    now: number,
    rules: TrafficRules,
    atDue: boolean,
    evidence: () => Reading[],
    out: Transition[],
  ): void => {
    const state = section.conditions[condition];
    if (target !== undefined) {
      if (target === state.level) state.pending = null;
      else if (!state.pending || state.pending.target !== target) state.pending = { target, since: now };
    }
    const outrankers = (OUTRANKED_BY[condition] ?? []).filter((c) => section.conditions[c].level !== null);
    if (outrankers.length > 0) {
      // A more severe surface condition took over: this one ends with it, and may follow once that one ends.
      if (state.level !== null) {
        const at = atDue ? Math.max(state.since, ...outrankers.map((c) => section.conditions[c].since)) : now;
        out.push({ kind: 'end', sectionId, condition, level: state.level, at, evidence: evidence() });
        state.level = null;
        state.since = at;
        state.pending = target ? { target, since: at } : null;
      }
      return;
    }
    const pending = state.pending;
    if (!pending) return;
    const rising = rank(pending.target) > rank(state.level);
    const due = pending.since + (rising ? rules.minOnSeconds : rules.minOffSeconds) * 1000;
    if (now < due) return;
    // A surface condition that waited for a graver one to end starts no earlier than that end.
    const at = atDue
      ? Math.max(due, ...(OUTRANKED_BY[condition] ?? []).map((c) => section.conditions[c].since))
      : now;
    const before = state.level;
    const kind = before === null ? 'start' : pending.target === null ? 'end' : 'change';
    const level = (pending.target ?? before) as TrafficLevel;
    out.push({ kind, sectionId, condition, level, at, evidence: evidence() });
    state.level = pending.target;
    state.since = at;
    state.pending = null;
  };

  const lazyEvidence = (section: SectionState, at: number) => {
    let cached: Reading[] | undefined;
    return () => {
      cached ??= fresh(section, at).map((r) => ({ ...r }));
      return cached;
    };
  };

  return {
    observe(sectionId, reading) {
      let section = sections.get(sectionId);
      if (!section) {
        section = newSection();
        sections.set(sectionId, section);
      }
      const held = section.devices.get(reading.deviceId);
      if (held && reading.at < held.at) return [];
      section.devices.set(reading.deviceId, reading);
      const now = Math.max(reading.at, section.lastAt);
      section.lastAt = now;
      const rules = options.rulesOf(sectionId);
      const merged = merge(fresh(section, now));
      const evidence = lazyEvidence(section, now);
      const out: Transition[] = [];
      for (const condition of ORDER) {
        const target = targetOf(condition, merged, rules, section.conditions[condition].level);
        step(sectionId, section, condition, target, now, rules, false, evidence, out);
      }
      return out;
    },

    tick(nowMs) {
      const out: Transition[] = [];
      for (const [sectionId, section] of sections) {
        if (!ORDER.some((c) => section.conditions[c].pending)) continue;
        const rules = options.rulesOf(sectionId);
        const evidence = lazyEvidence(section, section.lastAt);
        for (const condition of ORDER)
          step(sectionId, section, condition, undefined, nowMs, rules, true, evidence, out);
      }
      return out;
    },

    active(sectionId) {
      const out: ActiveCondition[] = [];
      const add = (id: string, section: SectionState) => {
        for (const condition of ORDER) {
          const { level, since } = section.conditions[condition];
          if (level) out.push({ sectionId: id, condition, level, since });
        }
      };
      if (sectionId !== undefined) {
        const section = sections.get(sectionId);
        if (section) add(sectionId, section);
      } else for (const [id, section] of sections) add(id, section);
      return out;
    },

    restore(sectionId, condition, level, since) {
      let section = sections.get(sectionId);
      if (!section) {
        section = newSection();
        sections.set(sectionId, section);
      }
      section.conditions[condition] = { level, since, pending: null };
    },

    forget(sectionId) {
      sections.delete(sectionId);
    },
  };
}
