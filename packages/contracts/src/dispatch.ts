import { z } from 'zod';
import { codeId, isoDateTime, listOf, queryBoolean, uuidOf } from './common.ts';

/**
 * The dispatch module: recommendations, joint-area requests (OASIS EDXL-RM: request → commit / decline →
 * release), referral up to the county, direct dispatch, timers, response metrics, coverage and patrol plans.
 * (`GET /api/cot` answers Cursor-on-Target XML and has no JSON contract.)
 */

const named = z.object({ id: z.string(), name: z.string() });

// ── Route parameters ────────────────────────────────────────────────────────────────────────────────────

/** `:id` of an incident on the dispatch routes. */
export const dispatchIncidentParams = z.object({ id: codeId }).strict();
export type DispatchIncidentParams = z.infer<typeof dispatchIncidentParams>;

/** `:id` of a station request. */
export const stationRequestParams = z.object({ id: uuidOf('a request') }).strict();
export type StationRequestParams = z.infer<typeof stationRequestParams>;

/** Units named in a commit or a direct dispatch. */
const unitIdList = z.array(codeId).min(1).max(50);

// ── Recommendations ─────────────────────────────────────────────────────────────────────────────────────

export const recommendationScope = z.enum(['area', 'county']);
export type RecommendationScope = z.infer<typeof recommendationScope>;

export const recommendationsQuery = z
  .object({
    scope: recommendationScope.default('area'),
    perStation: z.coerce.number().int().min(1).max(20).optional(),
    capabilities: z
      .string()
      .max(200)
      .regex(/^[a-z0-9,-]*$/)
      .optional(),
    allowLastUnit: queryBoolean.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();
export type RecommendationsQuery = z.infer<typeof recommendationsQuery>;

/** One unit the ranking proposes, nearest by road first. */
export const recommendedUnit = z.object({
  unit: z.object({
    id: z.string(),
    callsign: z.string(),
    name: z.string(),
    kind: z.enum(['officer', 'auxiliary', 'vehicle', 'team']),
    capabilities: z.array(z.string()),
  }),
  station: named,
  /** Road travel time; null when the unit cannot reach the incident. */
  etaSeconds: z.number().int().nullable(),
  /** Road distance; null when unknown. */
  distanceMeters: z.number().int().nullable(),
  withinTarget: z.boolean(),
});
export type RecommendedUnit = z.infer<typeof recommendedUnit>;

/** A candidate left out, with the reason, so the dispatcher sees why a close unit is missing. */
export const recommendationExclusion = z.object({
  unitId: z.string(),
  stationId: z.string(),
  stationName: z.string(),
  reason: z.enum(['busy', 'off-duty', 'capability', 'unreachable', 'last-unit']),
});
export type RecommendationExclusion = z.infer<typeof recommendationExclusion>;

export const recommendations = z.object({
  incidentId: z.string(),
  scope: recommendationScope,
  targetSeconds: z.number().int(),
  zone: z.string(),
  /** How many of the proposed units arrive within the target. */
  withinTarget: z.number().int(),
  /** Units short of those wanted that can arrive within the target. */
  shortfall: z.number().int(),
  items: z.array(recommendedUnit),
  excluded: z.array(recommendationExclusion),
});
export type Recommendations = z.infer<typeof recommendations>;

// ── Station requests, referral, direct dispatch ─────────────────────────────────────────────────────────

export const createStationRequestsBody = z
  .object({
    /** `"area"`: every station of the incident's joint-service area. */
    stations: z.union([z.literal('area'), z.array(codeId).min(1).max(50)]),
    perStation: z.number().int().min(1).max(50),
    note: z.string().max(500).optional(),
  })
  .strict();
export type CreateStationRequestsBody = z.infer<typeof createStationRequestsBody>;

export const commitStationRequestBody = z.object({ unitIds: unitIdList }).strict();
export type CommitStationRequestBody = z.infer<typeof commitStationRequestBody>;

export const declineStationRequestBody = z.object({ reason: z.string().trim().min(2).max(500) }).strict();
export type DeclineStationRequestBody = z.infer<typeof declineStationRequestBody>;

export const escalateIncidentBody = z.object({ reason: z.string().trim().min(2).max(500) }).strict();
export type EscalateIncidentBody = z.infer<typeof escalateIncidentBody>;

/** `POST /api/incidents/:id/backup` (请求增援): how many more units, why, and from which unit. */
export const backupRequestBody = z
  .object({
    quantity: z.number().int().min(1).max(20),
    reason: z.string().trim().min(2).max(500),
    unitId: codeId.optional(),
  })
  .strict();
export type BackupRequestBody = z.infer<typeof backupRequestBody>;

export const directDispatchBody = z.object({ unitIds: unitIdList }).strict();
export type DirectDispatchBody = z.infer<typeof directDispatchBody>;

export const stationRequestStatus = z.enum(['requested', 'committed', 'declined', 'released']);
export type StationRequestStatus = z.infer<typeof stationRequestStatus>;

/** One station's request: N units to an incident, answered by the station. */
export const stationRequest = z.object({
  id: z.string(),
  incidentId: z.string(),
  station: named,
  quantity: z.number().int(),
  status: stationRequestStatus,
  unitIds: z.array(z.string()),
  reason: z.string().nullable(),
  requestedBy: z.string(),
  requestedAt: isoDateTime,
  answeredBy: z.string().nullable(),
  answeredAt: isoDateTime.nullable(),
  releasedAt: isoDateTime.nullable(),
});
export type StationRequest = z.infer<typeof stationRequest>;

export const stationRequestList = listOf(stationRequest);
export type StationRequestList = z.infer<typeof stationRequestList>;

/** A unit sent to an incident (by a request or directly). */
export const unitAssignment = z.object({
  unitId: z.string(),
  requestId: z.string().nullable(),
  etaSeconds: z.number().int().nullable(),
  dispatchedAt: isoDateTime,
  releasedAt: isoDateTime.nullable(),
});
export type UnitAssignment = z.infer<typeof unitAssignment>;

export const unitAssignmentList = listOf(unitAssignment);
export type UnitAssignmentList = z.infer<typeof unitAssignmentList>;

// ── Timers ──────────────────────────────────────────────────────────────────────────────────────────────

export const timerLevel = z.enum(['ok', 'warning', 'overdue']);
export type TimerLevel = z.infer<typeof timerLevel>;

export const timerWarning = z.enum(['dispatch-overdue', 'arrival-warning', 'arrival-overdue']);
export type TimerWarning = z.infer<typeof timerWarning>;

/** Time to dispatch, acknowledge and arrive; the countdown to the arrival target; per unit. */
export const incidentTimerView = z.object({
  incidentId: z.string(),
  number: z.string(),
  targetSeconds: z.number().int(),
  zone: z.string(),
  sinceReceivedSeconds: z.number().int(),
  toDispatchSeconds: z.number().int().nullable(),
  toAcknowledgeSeconds: z.number().int().nullable(),
  toArriveSeconds: z.number().int().nullable(),
  onSceneSeconds: z.number().int().nullable(),
  /** Seconds left until the arrival target (negative once passed); null once a unit is on scene. */
  arrivalCountdownSeconds: z.number().int().nullable(),
  dispatchLevel: timerLevel,
  arrivalLevel: timerLevel,
  warnings: z.array(timerWarning),
  units: z.array(
    z.object({
      unitId: z.string(),
      enRouteSeconds: z.number().int(),
      etaLeftSeconds: z.number().int().nullable(),
      onScene: z.boolean(),
    }),
  ),
});
export type IncidentTimerView = z.infer<typeof incidentTimerView>;

// ── Response metrics ────────────────────────────────────────────────────────────────────────────────────

export const dispatchMetricsQuery = z
  .object({
    from: isoDateTime.optional(),
    to: isoDateTime.optional(),
    /** A joint-service area: its org id or its key (`north`). */
    area: z.string().max(64).optional(),
  })
  .strict();
export type DispatchMetricsQuery = z.infer<typeof dispatchMetricsQuery>;

export const durationStats = z.object({
  count: z.number().int(),
  p50Seconds: z.number().nullable(),
  p90Seconds: z.number().nullable(),
  meanSeconds: z.number().nullable(),
});
export type DurationStats = z.infer<typeof durationStats>;

export const responseMetricsRow = z.object({
  /** `all`, an org id, or `none` for incidents without one. */
  key: z.string(),
  /** The area's or station's name (absent on the overall row). */
  name: z.string().optional(),
  incidents: z.number().int(),
  callToDispatch: durationStats,
  dispatchToArrival: durationStats,
  callToArrival: durationStats,
  /** Share of arrived incidents that arrived within their zone's target (null when none arrived). */
  targetCompliance: z.number().nullable(),
  arrived: z.number().int(),
  withinTarget: z.number().int(),
});
export type ResponseMetricsRow = z.infer<typeof responseMetricsRow>;

export const dispatchMetrics = z.object({
  from: isoDateTime,
  to: isoDateTime,
  overall: responseMetricsRow,
  byArea: z.array(responseMetricsRow),
  byStation: z.array(responseMetricsRow),
});
export type DispatchMetrics = z.infer<typeof dispatchMetrics>;

// ── Coverage (the rapid-response circle) ────────────────────────────────────────────────────────────────

export const coverageQuery = z
  .object({
    minutes: z
      .string()
      .regex(/^\d{1,3}(,\d{1,3}){0,9}$/, 'comma-separated minutes, e.g. 3,5,10')
      .default('3,5,10'),
  })
  .strict();
export type CoverageQuery = z.infer<typeof coverageQuery>;

/** Share of villages and people reached by the first unit within `minutes`. */
export const coverageShare = z.object({
  minutes: z.number(),
  villages: z.number().int(),
  population: z.number(),
  villageShare: z.number(),
  populationShare: z.number(),
});
export type CoverageShare = z.infer<typeof coverageShare>;

export const coverageRow = z.object({
  /** `all` for the county, else the joint area's org id. */
  key: z.string(),
  name: z.string(),
  villages: z.number().int(),
  population: z.number(),
  within: z.array(coverageShare),
});
export type CoverageRow = z.infer<typeof coverageRow>;

export const coverageVillage = z.object({
  code: z.string(),
  name: z.string(),
  lon: z.number(),
  lat: z.number(),
  /** Road time of the first available unit; null when none reaches the village. */
  arrivalSeconds: z.number().int().nullable(),
});
export type CoverageVillage = z.infer<typeof coverageVillage>;

export const coverageReport = z.object({
  at: isoDateTime,
  availableUnits: z.number().int(),
  minutes: z.array(z.number()),
  rows: z.array(coverageRow),
  villages: z.array(coverageVillage),
});
export type CoverageReport = z.infer<typeof coverageReport>;

// ── Patrol plans (守点、巡线、控面) ─────────────────────────────────────────────────────────────────────

const planPosition = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

export const patrolPlanKind = z.enum(['guard-point', 'patrol-line', 'control-area']);
export type PatrolPlanKind = z.infer<typeof patrolPlanKind>;

/** A guard point is a Point, a patrol line a LineString, a control area a Polygon (GeoJSON, WGS-84). */
export const patrolPlanGeometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Point'), coordinates: planPosition }).strict(),
  z.object({ type: z.literal('LineString'), coordinates: z.array(planPosition).min(2).max(5_000) }).strict(),
  z
    .object({
      type: z.literal('Polygon'),
      coordinates: z.array(z.array(planPosition).min(4).max(5_000)).min(1).max(50),
    })
    .strict(),
]);
export type PatrolPlanGeometry = z.infer<typeof patrolPlanGeometry>;

export const patrolPlanBody = z
  .object({
    kind: patrolPlanKind,
    name: z.string().trim().min(1).max(80),
    geometry: patrolPlanGeometry,
    stationId: z.string().min(1).max(64),
    unitIds: z.array(z.string().min(1).max(64)).max(100).default([]),
    note: z.string().max(500).optional(),
  })
  .strict();
export type PatrolPlanBody = z.infer<typeof patrolPlanBody>;

export const patrolPlanParams = z.object({ id: uuidOf('a patrol plan feature') }).strict();
export type PatrolPlanParams = z.infer<typeof patrolPlanParams>;

/** A stored plan feature as GeoJSON: the properties say what it is and who keeps it. */
export const patrolPlanFeature = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: z.discriminatedUnion('type', [
    z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
    z.object({ type: z.literal('LineString'), coordinates: z.array(z.tuple([z.number(), z.number()])) }),
    z.object({
      type: z.literal('Polygon'),
      coordinates: z.array(z.array(z.tuple([z.number(), z.number()]))),
    }),
  ]),
  properties: z.object({
    id: z.string(),
    kind: patrolPlanKind,
    name: z.string(),
    stationId: z.string(),
    stationName: z.string(),
    unitIds: z.array(z.string()),
    note: z.string().nullable(),
  }),
});
export type PatrolPlanFeature = z.infer<typeof patrolPlanFeature>;

export const patrolPlanList = listOf(patrolPlanFeature);
export type PatrolPlanList = z.infer<typeof patrolPlanList>;
