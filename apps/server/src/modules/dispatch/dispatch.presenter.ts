import type {
  CoverageReport,
  DispatchMetrics,
  DurationStats,
  IncidentTimerView,
  PatrolPlanFeature,
  PatrolPlanList,
  Recommendations,
  ResponseMetricsRow,
  StationRequest,
  StationRequestList,
  UnitAssignment,
  UnitAssignmentList,
} from '@ronghui/contracts';
import type { GroupMetrics, Summary } from '@ronghui/dispatch';
import type { CoverageRecord, PatrolPlanRecord } from './coverage.service.ts';
import type { MetricsRecord } from './dispatch-metrics.ts';
import type { AssignmentRow } from './dispatch.repo.ts';
import type { RecommendationResult } from './recommend.service.ts';
import type { RequestRecord } from './requests.service.ts';
import type { IncidentTimerRecord } from './timers.service.ts';

/** The dispatch module's answers in the API's JSON style (`@ronghui/contracts`). */

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
/** Whole seconds or metres; null for what is unknown or unreachable. */
const whole = (n: number | null) => (n !== null && Number.isFinite(n) ? Math.round(n) : null);

export function presentRequest({ row: r, stationName }: RequestRecord): StationRequest {
  return {
    id: r.id,
    incidentId: r.incident_id,
    station: { id: r.station_id, name: stationName },
    quantity: r.quantity,
    status: r.status,
    unitIds: r.unit_ids,
    reason: r.reason,
    requestedBy: r.requested_by,
    requestedAt: iso(r.requested_at),
    answeredBy: r.answered_by,
    answeredAt: isoOrNull(r.answered_at),
    releasedAt: isoOrNull(r.released_at),
  };
}

export function presentRequestList(records: readonly RequestRecord[]): StationRequestList {
  return { items: records.map(presentRequest), total: records.length };
}

export function presentRecommendations(r: RecommendationResult): Recommendations {
  return {
    incidentId: r.incidentId,
    scope: r.scope,
    targetSeconds: r.targetSeconds,
    zone: r.zone,
    withinTarget: r.withinTarget,
    shortfall: r.shortfall,
    items: r.units.map((u) => ({
      unit: {
        id: u.unit.id,
        callsign: u.unit.callsign,
        name: u.unit.name,
        kind: u.unit.kind,
        capabilities: [...u.capabilities],
      },
      station: { id: u.unit.stationId, name: u.stationName },
      etaSeconds: whole(u.etaS),
      distanceMeters: whole(u.distanceM),
      withinTarget: u.withinTarget,
    })),
    excluded: r.excluded.map((e) => ({
      unitId: e.unitId,
      stationId: e.stationId,
      stationName: e.stationName,
      reason: e.reason,
    })),
  };
}

export function presentAssignment(a: AssignmentRow): UnitAssignment {
  return {
    unitId: a.unit_id,
    requestId: a.request_id,
    etaSeconds: whole(a.eta_s),
    dispatchedAt: iso(a.dispatched_at),
    releasedAt: isoOrNull(a.released_at),
  };
}

export function presentAssignments(rows: readonly AssignmentRow[]): UnitAssignmentList {
  return { items: rows.map(presentAssignment), total: rows.length };
}

export function presentTimers(r: IncidentTimerRecord): IncidentTimerView {
  const t = r.timers;
  return {
    incidentId: r.incidentId,
    number: r.number,
    targetSeconds: r.targetSeconds,
    zone: r.zone,
    sinceReceivedSeconds: t.sinceReceivedS,
    toDispatchSeconds: t.toDispatchS,
    toAcknowledgeSeconds: t.toAcknowledgeS,
    toArriveSeconds: t.toArriveS,
    onSceneSeconds: t.onSceneS,
    arrivalCountdownSeconds: t.arrivalCountdownS,
    dispatchLevel: t.dispatchLevel,
    arrivalLevel: t.arrivalLevel,
    warnings: [...t.warnings],
    units: t.units.map((u) => ({
      unitId: u.unitId,
      enRouteSeconds: u.enRouteS,
      etaLeftSeconds: u.etaLeftS,
      onScene: u.onScene,
    })),
  };
}

const noDurations: Summary = { count: 0, p50S: null, p90S: null, meanS: null };

function presentDurations(s: Summary): DurationStats {
  return { count: s.count, p50Seconds: s.p50S, p90Seconds: s.p90S, meanSeconds: s.meanS };
}

function presentMetricsRow(m: GroupMetrics & { name?: string }): ResponseMetricsRow {
  return {
    key: m.key,
    ...(m.name === undefined ? {} : { name: m.name }),
    incidents: m.incidents,
    callToDispatch: presentDurations(m.callToDispatch),
    dispatchToArrival: presentDurations(m.dispatchToArrival),
    callToArrival: presentDurations(m.callToArrival),
    targetCompliance: m.targetCompliance,
    arrived: m.arrived,
    withinTarget: m.withinTarget,
  };
}

export function presentMetrics(m: MetricsRecord): DispatchMetrics {
  const overall = m.overall ?? {
    key: 'all',
    incidents: 0,
    callToDispatch: noDurations,
    dispatchToArrival: noDurations,
    callToArrival: noDurations,
    targetCompliance: null,
    arrived: 0,
    withinTarget: 0,
  };
  return {
    from: m.from.toISOString(),
    to: m.to.toISOString(),
    overall: presentMetricsRow(overall),
    byArea: m.byArea.map(presentMetricsRow),
    byStation: m.byStation.map(presentMetricsRow),
  };
}

export function presentCoverage(c: CoverageRecord): CoverageReport {
  return {
    at: c.at.toISOString(),
    availableUnits: c.availableUnits,
    minutes: c.minutes,
    rows: c.rows.map((r) => ({
      key: r.key,
      name: r.name,
      villages: r.villages,
      population: r.population,
      within: r.within.map((w) => ({
        minutes: w.minutes,
        villages: w.villages,
        population: w.population,
        villageShare: w.villageShare,
        populationShare: w.populationShare,
      })),
    })),
    villages: c.villages.map((v) => ({
      code: v.code,
      name: v.name,
      lon: v.lon,
      lat: v.lat,
      arrivalSeconds: whole(v.arrivalS),
    })),
  };
}

export function presentPlan({ row: r, stationName }: PatrolPlanRecord): PatrolPlanFeature {
  const geometry = (
    typeof r.geometry === 'string' ? JSON.parse(r.geometry) : r.geometry
  ) as PatrolPlanFeature['geometry'];
  return {
    type: 'Feature',
    id: r.id,
    geometry,
    properties: {
      id: r.id,
      kind: r.kind,
      name: r.name,
      stationId: r.station_id,
      stationName,
      unitIds: r.unit_ids,
      note: r.note,
    },
  };
}

export function presentPlanList(records: readonly PatrolPlanRecord[]): PatrolPlanList {
  return { items: records.map(presentPlan), total: records.length };
}
