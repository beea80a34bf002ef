import { type Candidate, type RecommendResult, recommend } from '@ronghui/dispatch';
import { requireRole } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Unit } from '../units/index.ts';
import { COMMAND, type DispatchDeps } from './dispatch-deps.ts';

export interface RecommendationQuery {
  scope: 'area' | 'county';
  perStation?: number | undefined;
  capabilities?: string[] | undefined;
  allowLastUnit?: boolean | undefined;
  limit: number;
}

/** A proposed unit with its station and road time and distance (Infinity or NaN when unknown). */
export interface RankedUnit {
  unit: Unit;
  stationName: string;
  capabilities: readonly string[];
  etaS: number;
  distanceM: number;
  withinTarget: boolean;
}

export interface RecommendationResult {
  incidentId: string;
  scope: 'area' | 'county';
  targetSeconds: number;
  zone: string;
  withinTarget: number;
  shortfall: number;
  units: RankedUnit[];
  excluded: (RecommendResult['excluded'][number] & { stationName: string })[];
}

/** 就近、分级: units ranked by road ETA for an incident, with the shortfall against its arrival target. */
export function createRecommendService(deps: DispatchDeps) {
  const { db, units, incidents, orgs, routing, clock } = deps;

  /** Stations (and county brigades: the "+X") whose units may serve an incident of `areaId`, or all. */
  async function candidateStations(tenantCode: string, areaId: string | null, scope: 'area' | 'county') {
    const dir = await orgs.directory(tenantCode);
    const all = [...dir.ofKind('station'), ...dir.ofKind('brigade')];
    if (scope === 'county' || !areaId) return all.map((o) => o.id);
    return all.filter((o) => o.parentId === areaId || o.kind === 'brigade').map((o) => o.id);
  }

  return {
    async recommendations(
      principal: Principal,
      incidentId: string,
      q: RecommendationQuery,
    ): Promise<RecommendationResult> {
      requireRole(principal, COMMAND, 'Recommending units');
      const incident = await incidents.get(principal, incidentId);
      const stationIds = await candidateStations(principal.tenantCode, incident.area?.id ?? null, q.scope);
      const list = await units.list(db, principal.tenantCode, { stationIds });
      const onDuty = await units.onDutyIds(db, principal.tenantCode, clock.now());
      const located = list.filter((u) => u.position);
      const times = routing.travelTimes(
        principal.tenantCode,
        located.map((u) => [u.position!.lon, u.position!.lat] as const),
        [incident.location.lon, incident.location.lat],
        false,
      );
      const candidates: Candidate[] = located.map((u, i) => ({
        unitId: u.id,
        stationId: u.stationId,
        status: u.status,
        onDuty: onDuty.has(u.id),
        capabilities: u.capabilities,
        etaS: times[i]!.etaS,
        distanceM: times[i]!.distanceM,
      }));
      const result = recommend(candidates, {
        homeStationId: incident.station?.id ?? null,
        requiredCapabilities: q.capabilities,
        perStation: q.perStation,
        allowLastUnit: q.allowLastUnit,
        targetS: incident.targetSeconds,
        limit: q.limit,
      });
      const byId = new Map(list.map((u) => [u.id, u]));
      // Distances need the path itself: only for the units shown.
      const shown = routing.travelTimes(
        principal.tenantCode,
        result.units.map(
          (r) => [byId.get(r.unitId)!.position!.lon, byId.get(r.unitId)!.position!.lat] as const,
        ),
        [incident.location.lon, incident.location.lat],
      );
      const dir = await orgs.directory(principal.tenantCode);
      return {
        incidentId,
        scope: q.scope,
        targetSeconds: incident.targetSeconds,
        zone: incident.zone,
        withinTarget: result.withinTarget,
        shortfall: result.shortfall,
        units: result.units.map((r, i) => ({
          unit: byId.get(r.unitId)!,
          stationName: dir.get(r.stationId)?.name ?? '',
          capabilities: r.capabilities,
          etaS: r.etaS,
          distanceM: shown[i]!.distanceM,
          withinTarget: r.withinTarget,
        })),
        excluded: result.excluded.map((e) => ({ ...e, stationName: dir.get(e.stationId)?.name ?? '' })),
      };
    },
  };
}
