import { type RoadClass, roadClassCode } from '../graph/road-graph.ts';

/**
 * The car profile: which OSM ways a patrol car may drive, in which direction, and how fast.
 *
 * Default speeds are for a Chinese mountain county (德化 and its like), not for a motorway plain:
 * narrow, winding roads, villages along the road, trucks on grades. They are settings; a bureau
 * overrides them with what its own patrol cars actually average.
 */
export interface CarProfile {
  /** Free-flow speed in km/h by highway class, used when a way has no usable `maxspeed`. */
  readonly speedKmh: Readonly<Record<RoadClass, number>>;
  /** A posted `maxspeed` is a ceiling, not an average: the speed used is `maxspeed × maxspeedFactor`. */
  readonly maxspeedFactor: number;
  /** Slope penalty: speed × max(slopeFloor, 1 − slopeK·|grade|); both uphill and downhill slow down. */
  readonly slopeK: number;
  readonly slopeFloor: number;
}

export const DEFAULT_CAR_PROFILE: CarProfile = {
  speedKmh: {
    motorway: 80, // 山区高速: curves and tunnels keep averages below the 100–120 limit
    motorway_link: 40,
    trunk: 60, // national roads (国道) through mountains
    trunk_link: 35,
    primary: 50, // provincial roads (省道)
    primary_link: 30,
    secondary: 40, // county roads (县道)
    secondary_link: 30,
    tertiary: 35, // township roads (乡道)
    tertiary_link: 25,
    unclassified: 30, // village roads (村道)
    residential: 30,
    living_street: 10,
    service: 15,
    road: 20,
  },
  maxspeedFactor: 0.9,
  slopeK: 2.5,
  slopeFloor: 0.5,
};

const CLASS_OF: Readonly<Record<string, RoadClass>> = Object.fromEntries(
  Object.keys(DEFAULT_CAR_PROFILE.speedKmh).map((c) => [c, c as RoadClass]),
);

/** The highway class if a car may use this `highway=*` value at all. */
export function carRoadClass(highway: string | undefined): RoadClass | undefined {
  return highway === undefined ? undefined : CLASS_OF[highway];
}

export function carRoadClassCode(highway: string | undefined): number {
  const c = carRoadClass(highway);
  return c === undefined ? -1 : roadClassCode(c);
}

const DENIED = new Set(['no', 'private', 'agricultural', 'forestry', 'delivery', 'military', 'emergency']);

/** Access for cars: the most specific of motorcar > motor_vehicle > vehicle > access decides. */
export function carAllowed(tags: Readonly<Record<string, string>>): boolean {
  const value = tags.motorcar ?? tags.motor_vehicle ?? tags.vehicle ?? tags.access;
  return value === undefined || !DENIED.has(value.trim().toLowerCase());
}

export type Oneway = 'both' | 'forward' | 'backward' | 'none';

/**
 * Direction of travel. `oneway=-1` runs against the way's drawing direction; `reversible` and
 * `alternating` roads change direction by time of day, which a static graph cannot know, so they
 * are left out. Roundabouts and motorways are one-way unless tagged otherwise.
 */
export function carOneway(tags: Readonly<Record<string, string>>): Oneway {
  const v = tags.oneway?.trim().toLowerCase();
  if (v === 'reversible' || v === 'alternating') return 'none';
  if (v === '-1' || v === 'reverse') return 'backward';
  if (v === 'yes' || v === 'true' || v === '1') return 'forward';
  if (v === 'no' || v === 'false' || v === '0') return 'both';
  const junction = tags.junction;
  if (junction === 'roundabout' || junction === 'circular') return 'forward';
  if (tags.highway === 'motorway' || tags.highway === 'motorway_link') return 'forward';
  return 'both';
}

/**
 * A `maxspeed` value in km/h, or undefined when it gives no number: "50", "50 km/h", "30 mph",
 * "none" (no limit: the class default applies), "walk" (about 6 km/h), "signals", "AT:urban" (zone
 * codes we do not tabulate), "40;60" (the lower one is taken).
 */
export function parseMaxspeed(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const text = raw.trim().toLowerCase();
  if (text === 'walk') return 6;
  const values = text
    .split(/[;|]/)
    .map((part) => /^(\d+(?:\.\d+)?)\s*(km\/h|kmh|kph|mph|knots)?$/.exec(part.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => {
      const n = Number(m[1]);
      if (m[2] === 'mph') return n * 1.609344;
      if (m[2] === 'knots') return n * 1.852;
      return n;
    })
    .filter((n) => n > 0);
  return values.length === 0 ? undefined : Math.min(...values);
}

/** Free-flow speed of a way in km/h before slope. */
export function carSpeedKmh(
  profile: CarProfile,
  roadClass: RoadClass,
  tags: Readonly<Record<string, string>>,
): number {
  const posted = parseMaxspeed(tags.maxspeed);
  const base = profile.speedKmh[roadClass];
  return posted === undefined ? base : Math.max(5, posted * profile.maxspeedFactor);
}

/** Slope factor applied to speed for a piece with the given absolute grade (rise over run). */
export function slopeFactor(profile: CarProfile, grade: number): number {
  return Math.max(profile.slopeFloor, 1 - profile.slopeK * Math.abs(grade));
}
