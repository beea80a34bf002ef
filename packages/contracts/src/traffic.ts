import { z } from 'zod';
import { codeId, isoDateTime, listOf, pageQuery } from './common.ts';

/**
 * 智慧交通 (smart traffic): hazard-prone road sections, roadside devices (weather stations, visibility meters,
 * road-surface sensors, detectors, ANPR cameras, LED/VMS signs), road-weather readings, the hazards the rules
 * raise from them (fog, ice, frost, slippery, wind, rain), what each sign shows, plate-addressed and
 * convergence warnings, and the alternative routes published while a hazard lasts.
 */

export const TRAFFIC_DEVICE_KINDS = ['weather', 'visibility', 'surface', 'detector', 'anpr', 'sign'] as const;
export const trafficDeviceKind = z.enum(TRAFFIC_DEVICE_KINDS);
export type TrafficDeviceKind = z.infer<typeof trafficDeviceKind>;

/** The conditions the rules raise. `slippery`: friction low without ice. */
export const TRAFFIC_CONDITIONS = ['fog', 'ice', 'frost', 'slippery', 'wind', 'rain'] as const;
export const trafficCondition = z.enum(TRAFFIC_CONDITIONS);
export type TrafficCondition = z.infer<typeof trafficCondition>;

/** Warning levels, as the CMA signals (气象灾害预警信号): yellow < orange < red. */
export const TRAFFIC_LEVELS = ['yellow', 'orange', 'red'] as const;
export const trafficLevel = z.enum(TRAFFIC_LEVELS);
export type TrafficLevel = z.infer<typeof trafficLevel>;

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

// ── Rules (thresholds) ──────────────────────────────────────────────────────────────────────────────────

/**
 * Thresholds of the rules. Defaults: fog by the CMA signals (visibility < 500 / 200 / 50 m) and 第八十一条 for
 * the speed limit; ice when surface ≤ 0 ℃ and friction < 0.6 (red below 0.4), frost when the surface is
 * below the dew point and at or below 0 ℃, slippery when friction < 0.7; wind and rain by level. A
 * condition starts after its readings hold for `minOnSeconds` and ends after they have been clear (past
 * the hysteresis margins) for `minOffSeconds`.
 */
export const trafficRules = z
  .object({
    fogYellowM: z.number().positive().max(5000),
    fogOrangeM: z.number().positive().max(5000),
    fogRedM: z.number().positive().max(5000),
    iceSurfaceC: z.number().min(-20).max(5),
    iceFriction: z.number().gt(0).max(1),
    iceRedFriction: z.number().gt(0).max(1),
    slipperyFriction: z.number().gt(0).max(1),
    windYellowMs: z.number().positive().max(100),
    windOrangeMs: z.number().positive().max(100),
    windRedMs: z.number().positive().max(100),
    rainYellowMmH: z.number().positive().max(500),
    rainOrangeMmH: z.number().positive().max(500),
    rainRedMmH: z.number().positive().max(500),
    /** A fog level ends only when visibility is this share above its threshold (0.2 = 20 %). */
    visibilityHysteresis: z.number().min(0).max(2),
    /** Ice, frost and slippery end only when the surface is this much warmer (℃) … */
    temperatureHysteresisC: z.number().min(0).max(10),
    /** … and friction this much higher. */
    frictionHysteresis: z.number().min(0).max(0.5),
    minOnSeconds: z.number().int().min(0).max(3600),
    minOffSeconds: z.number().int().min(0).max(7200),
  })
  .strict();
export type TrafficRules = z.infer<typeof trafficRules>;

// ── Sections ────────────────────────────────────────────────────────────────────────────────────────────

export const trafficSectionBody = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(60),
    /** Which way the hazard-prone stretch is driven: `both`, or one way along the line. */
    direction: z.enum(['both', 'forward', 'backward']).default('both'),
    /** The stretch, drawn along the road, in driving order. */
    line: z.array(position).min(2).max(1000),
    /** Per-section thresholds over the county's rules. */
    rules: trafficRules.partial().optional(),
    note: z.string().trim().max(200).optional(),
  })
  .strict();
export type TrafficSectionBody = z.input<typeof trafficSectionBody>;

export const trafficSectionPatch = trafficSectionBody.partial().strict();
export type TrafficSectionPatch = z.input<typeof trafficSectionPatch>;

export const trafficSection = z.object({
  id: z.string(),
  name: z.string(),
  direction: z.enum(['both', 'forward', 'backward']),
  line: z.array(position),
  /** The road-graph edges the stretch covers (hazards slow or close these). */
  edges: z.array(z.number().int()),
  rules: trafficRules.partial(),
  note: z.string().nullable(),
  /** Active hazards on it now. */
  hazards: z.number().int().nonnegative(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type TrafficSection = z.infer<typeof trafficSection>;
export const trafficSectionList = listOf(trafficSection);

// ── Devices ─────────────────────────────────────────────────────────────────────────────────────────────

/** The LED/VMS sign's model: how many lines of how many Chinese characters, and its dot matrix. */
export const signModel = z
  .object({
    lines: z.number().int().min(1).max(8),
    charsPerLine: z.number().int().min(2).max(32),
    /** Dots per character cell (16 or 24 on most Chinese road signs). */
    dots: z.number().int().min(8).max(48).default(16),
  })
  .strict();
export type SignModel = z.infer<typeof signModel>;

export const trafficDeviceBody = z
  .object({
    /** The device's id, also in its MQTT topic (`ronghui/<tenant>/rwis/<id>`). */
    id: codeId,
    name: z.string().trim().min(1, 'must not be empty').max(60),
    kind: trafficDeviceKind,
    position,
    sectionId: z.string().uuid('must be a road section id (UUID)').nullable().optional(),
    /** A sign's model (signs only). */
    model: signModel.optional(),
    /** ANPR cameras and detectors: the sign a driver passes next (plate-addressed warnings go there). */
    signId: codeId.nullable().optional(),
    /** Detectors and signs at a blind junction: the junction and which branch this one is on. */
    junction: z.string().trim().min(1).max(40).nullable().optional(),
    branch: z.string().trim().min(1).max(20).nullable().optional(),
    /** Seconds without a message after which the device counts as offline. */
    heartbeatSeconds: z.number().int().min(5).max(86_400).default(120),
  })
  .strict();
export type TrafficDeviceBody = z.input<typeof trafficDeviceBody>;

export const trafficDevicePatch = trafficDeviceBody.omit({ id: true }).partial().strict();
export type TrafficDevicePatch = z.input<typeof trafficDevicePatch>;

export const trafficDeviceParams = z.object({ id: codeId }).strict();

export const trafficDevice = z.object({
  id: z.string(),
  name: z.string(),
  kind: trafficDeviceKind,
  sectionId: z.string().nullable(),
  position,
  model: signModel.nullable(),
  signId: z.string().nullable(),
  junction: z.string().nullable(),
  branch: z.string().nullable(),
  heartbeatSeconds: z.number().int(),
  online: z.boolean(),
  lastSeenAt: isoDateTime.nullable(),
  /** Readings refused from it, by reason (`friction-out-of-range` …). */
  rejected: z.record(z.string(), z.number().int()),
  /** The last reading (sensors). */
  last: z.record(z.string(), z.unknown()).nullable(),
});
export type TrafficDevice = z.infer<typeof trafficDevice>;
export const trafficDeviceList = listOf(trafficDevice);

export const trafficDeviceImportResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
});

// ── Readings ────────────────────────────────────────────────────────────────────────────────────────────

/**
 * One road-weather reading. Units: metres, ℃, friction 0–1 (μ), mm/h, m/s. Every field but `deviceId` may be
 * left out; a reading needs at least one measurement. `at` defaults to the time of receipt.
 */
export const trafficReading = z
  .object({
    deviceId: codeId,
    at: isoDateTime.optional(),
    visibilityM: z.number().min(0).max(100_000).optional(),
    airTempC: z.number().min(-60).max(60).optional(),
    surfaceTempC: z.number().min(-60).max(80).optional(),
    dewPointC: z.number().min(-60).max(40).optional(),
    friction: z.number().min(0).max(1).optional(),
    precipitationMmH: z.number().min(0).max(500).optional(),
    windSpeedMs: z.number().min(0).max(100).optional(),
    windGustMs: z.number().min(0).max(120).optional(),
  })
  .strict();
export type TrafficReading = z.infer<typeof trafficReading>;

export const TRAFFIC_READINGS_MAX = 1000;
export const trafficReadingsBody = z.array(trafficReading).min(1).max(TRAFFIC_READINGS_MAX);

export const trafficReadingQuery = z
  .object({
    deviceId: codeId,
    since: isoDateTime.optional(),
    until: isoDateTime.optional(),
    limit: z.coerce.number().int().min(1).max(5000).default(500),
  })
  .strict();

export const trafficStoredReading = z.object({
  deviceId: z.string(),
  at: isoDateTime,
  visibilityM: z.number().nullable(),
  airTempC: z.number().nullable(),
  surfaceTempC: z.number().nullable(),
  dewPointC: z.number().nullable(),
  friction: z.number().nullable(),
  precipitationMmH: z.number().nullable(),
  windSpeedMs: z.number().nullable(),
  windGustMs: z.number().nullable(),
});
export type TrafficStoredReading = z.infer<typeof trafficStoredReading>;
export const trafficReadingList = listOf(trafficStoredReading);

export const trafficAccepted = z.object({ accepted: z.number().int() });

// ── Plate reads and detections ──────────────────────────────────────────────────────────────────────────

export const trafficPlateReadBody = z
  .object({
    deviceId: codeId,
    /** GA 36-2018 plate (`闽C8H58M`). */
    plate: z.string().trim().min(1).max(16),
    at: isoDateTime.optional(),
  })
  .strict();
export type TrafficPlateReadBody = z.infer<typeof trafficPlateReadBody>;

/** A vehicle detected without a plate (radar or loop detector), for convergence warnings. */
export const trafficDetectionBody = z.object({ deviceId: codeId, at: isoDateTime.optional() }).strict();

export const trafficPlateRead = z.object({
  id: z.string(),
  deviceId: z.string(),
  /** Masked (`闽C****M`). */
  plate: z.string(),
  at: isoDateTime,
  /** The warning it put on a sign, if any. */
  signId: z.string().nullable(),
  warned: z.boolean(),
});
export const trafficPlateReadList = listOf(trafficPlateRead);
export const trafficPlateReadQuery = pageQuery.extend({ deviceId: codeId.optional() }).strict();

// ── Hazards ─────────────────────────────────────────────────────────────────────────────────────────────

export const trafficHazard = z.object({
  id: z.string(),
  sectionId: z.string(),
  sectionName: z.string(),
  condition: trafficCondition,
  level: trafficLevel,
  startedAt: isoDateTime,
  endedAt: isoDateTime.nullable(),
  /** The readings that raised it (and the latest that kept it). */
  evidence: z.array(trafficStoredReading),
  /** 第八十一条 and the ice rules: the limit and gap drivers are told. */
  speedLimitKmh: z.number().nullable(),
  gapM: z.number().nullable(),
  /** The road event laid on the section's edges while it lasts. */
  roadEventId: z.string().nullable(),
  /** NTCIP 1204 code and DATEX II type, for the exports. */
  ntcipCode: z.number().int().nullable(),
  datexType: z.string(),
  /** 冰冻天气 … */
  label: z.string(),
  advice: z.string(),
});
export type TrafficHazard = z.infer<typeof trafficHazard>;
export const trafficHazardList = listOf(trafficHazard);
export const trafficHazardQuery = pageQuery
  .extend({ active: z.enum(['true', 'false']).optional(), sectionId: z.string().uuid().optional() })
  .strict();

// ── Signs ───────────────────────────────────────────────────────────────────────────────────────────────

export const SIGN_SOURCES = ['blank', 'hazard', 'plate', 'convergence', 'override'] as const;

export const trafficSign = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.literal('sign'),
  sectionId: z.string().nullable(),
  position,
  model: signModel,
  /** What the sign shows now, `""` when blank. */
  text: z.string(),
  /** The text as laid out on the sign's lines. */
  lines: z.array(z.string()),
  source: z.enum(SIGN_SOURCES),
  priority: z.number().int(),
  expiresAt: isoDateTime.nullable(),
  /** `ok` when the sign acknowledged the last command, `pending` while waiting, `failed` after retries. */
  delivery: z.enum(['ok', 'pending', 'failed']),
  lastAckAt: isoDateTime.nullable(),
  online: z.boolean(),
});
export type TrafficSign = z.infer<typeof trafficSign>;
export const trafficSignList = listOf(trafficSign);

export const trafficOverrideBody = z
  .object({
    /** The text to show; `""` blanks the sign. */
    text: z.string().trim().max(200),
    /** The override ends by itself then (default 2 hours). */
    until: isoDateTime.optional(),
    reason: z.string().trim().min(1, 'must not be empty').max(200),
  })
  .strict();
export type TrafficOverrideBody = z.infer<typeof trafficOverrideBody>;

// ── Templates ───────────────────────────────────────────────────────────────────────────────────────────

/** A sign message per condition and level. `{limit}` and `{gap}` are filled in from the hazard. */
export const trafficTemplate = z.object({
  condition: trafficCondition,
  level: trafficLevel,
  /** 冰冻天气 … (the condition, first part of a plate-addressed warning) */
  label: z.string().min(1).max(20),
  /** 地面湿滑,保持车距 … */
  advice: z.string().min(1).max(60),
  priority: z.number().int().min(1).max(99),
});
export type TrafficTemplate = z.infer<typeof trafficTemplate>;
export const trafficTemplateList = listOf(trafficTemplate);
export const trafficTemplatePut = z
  .object({
    label: z.string().trim().min(1).max(20),
    advice: z.string().trim().min(1).max(60),
    priority: z.number().int().min(1).max(99),
  })
  .strict();
export const trafficTemplateParams = z.object({ condition: trafficCondition, level: trafficLevel }).strict();

// ── Routes ──────────────────────────────────────────────────────────────────────────────────────────────

export const trafficRouteBody = z
  .object({ name: z.string().trim().min(1).max(60), from: position, to: position })
  .strict();

/** A configured pair of points with the best route between them now, hazards included. */
export const trafficRoute = z.object({
  id: z.string(),
  name: z.string(),
  from: position,
  to: position,
  durationSeconds: z.number().nullable(),
  distanceMeters: z.number().nullable(),
  /** The same route with no hazards on the road. */
  normalDurationSeconds: z.number().nullable(),
  /** Sections with an active hazard the best route now avoids or crosses. */
  avoids: z.array(z.string()),
  crosses: z.array(z.string()),
  geometry: z.object({ type: z.literal('LineString'), coordinates: z.array(position) }).nullable(),
  computedAt: isoDateTime.nullable(),
});
export type TrafficRoute = z.infer<typeof trafficRoute>;
export const trafficRouteList = listOf(trafficRoute);

export const trafficIdParams = z.object({ id: z.string().min(1).max(64) }).strict();

export const trafficSettings = z.object({
  rules: trafficRules,
  readingRetentionDays: z.number().int(),
  plateRetentionDays: z.number().int(),
});
export const trafficRulesPut = trafficRules.partial().strict();

/** The replay of a recorded day (`jiuxianshan-2023-12-22`: ice at the 九仙山 tunnel mouth). */
export const trafficReplayBody = z.object({ scenario: z.enum(['jiuxianshan-2023-12-22']) }).strict();
