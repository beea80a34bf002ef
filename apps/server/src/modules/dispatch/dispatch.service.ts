import { randomUUID } from 'node:crypto';
import { type Candidate, type IncidentStatus, isOpen, recommend } from '@ronghui/dispatch';
import type { Kysely } from 'kysely';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { canReach, requireRole } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Role } from '../../platform/auth/roles.ts';
import type { EventBus } from '../../platform/bus/bus.ts';
import { enqueue } from '../../platform/bus/outbox.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import { conflict, forbidden, invalid, notFound } from '../../platform/http/errors.ts';
import type { IncidentsService } from '../incidents/index.ts';
import type { OrgsService } from '../orgs/index.ts';
import type { RoutingService } from '../routing/routing.service.ts';
import type { Unit, UnitsRepo } from '../units/units.repo.ts';
import type { DispatchRepo, RequestRow } from './dispatch.repo.ts';

const COMMAND: Role[] = ['dispatcher', 'commander'];
const STATION: Role[] = ['officer', 'auxiliary', 'dispatcher', 'commander'];

export interface Deps {
  db: Kysely<DB>;
  repo: DispatchRepo;
  units: UnitsRepo;
  incidents: IncidentsService;
  orgs: OrgsService;
  routing: RoutingService;
  audit: AuditService;
  bus: EventBus;
  clock: Clock;
}

export function presentRequest(r: RequestRow, stationName: string) {
  return {
    id: r.id,
    incidentId: r.incident_id,
    station: { id: r.station_id, name: stationName },
    quantity: r.quantity,
    status: r.status,
    unitIds: r.unit_ids,
    reason: r.reason,
    requestedBy: r.requested_by,
    requestedAt: new Date(r.requested_at).toISOString(),
    answeredBy: r.answered_by,
    answeredAt: r.answered_at ? new Date(r.answered_at).toISOString() : null,
    releasedAt: r.released_at ? new Date(r.released_at).toISOString() : null,
  };
}

export function createDispatchService(deps: Deps) {
  const { db, repo, units, incidents, orgs, routing, audit, bus, clock } = deps;

  /** Stations (and county brigades: the "+X") whose units may serve an incident of `areaId`, or all. */
  async function candidateStations(tenantCode: string, areaId: string | null, scope: 'area' | 'county') {
    const dir = await orgs.directory(tenantCode);
    const all = [...dir.ofKind('station'), ...dir.ofKind('brigade')];
    if (scope === 'county' || !areaId) return all.map((o) => o.id);
    return all.filter((o) => o.parentId === areaId || o.kind === 'brigade').map((o) => o.id);
  }

  async function stationName(tenantCode: string, id: string) {
    return (await orgs.directory(tenantCode)).get(id)?.name ?? '';
  }

  async function emitRequest(trx: Kysely<DB>, tenantCode: string, r: RequestRow) {
    const dir = await orgs.directory(tenantCode);
    await enqueue(
      trx,
      tenantCode,
      'request.changed',
      {
        requestId: r.id,
        incidentId: r.incident_id,
        stationId: r.station_id,
        quantity: r.quantity,
        status: r.status,
        unitIds: r.unit_ids,
        reason: r.reason,
      },
      dir.pathOf(r.station_id),
    );
  }

  async function loadRequest(principal: Principal, id: string) {
    const r = await repo.request(db, principal.tenantCode, id);
    const dir = await orgs.directory(principal.tenantCode);
    if (!r || !canReach(principal, dir.pathOf(r.station_id))) throw notFound('request', id);
    return r;
  }

  /** Unit state changes made here reach consoles like any status report does. */
  async function emitUnitStatus(
    trx: Kysely<DB>,
    tenantCode: string,
    u: Unit,
    status: string,
    incidentId: string | null,
    at: Date,
  ) {
    const dir = await orgs.directory(tenantCode);
    await enqueue(
      trx,
      tenantCode,
      'unit.status',
      {
        unitId: u.id,
        callsign: u.callsign,
        stationId: u.stationId,
        from: u.status,
        status,
        incidentId,
        at: at.toISOString(),
      },
      dir.pathOf(u.stationId),
    );
  }

  /** Assigns units to an incident in the caller's transaction: units go en route, the incident concerns their stations. */
  async function assignUnits(
    trx: Kysely<DB>,
    principal: Principal,
    incidentId: string,
    chosen: Unit[],
    requestId: string | null,
    etas: Map<string, number>,
  ) {
    const now = clock.now();
    await repo.assign(
      trx,
      chosen.map((u) => ({
        tenant_code: principal.tenantCode,
        incident_id: incidentId,
        unit_id: u.id,
        request_id: requestId,
        eta_s: etas.get(u.id) ?? null,
        dispatched_at: now,
        dispatched_by: principal.username,
      })),
    );
    for (const u of chosen) {
      await units.setStatus(trx, principal.tenantCode, u, {
        status: 'en-route',
        incidentId,
        note: requestId ? `request ${requestId}` : null,
        at: now,
        actor: principal.username,
      });
      await emitUnitStatus(trx, principal.tenantCode, u, 'en-route', incidentId, now);
    }
    for (const stationId of new Set(chosen.map((u) => u.stationId))) {
      await incidents.linkOrg(trx, principal, incidentId, stationId, 'responding');
    }
    await enqueue(
      trx,
      principal.tenantCode,
      'incident.units',
      { incidentId, unitIds: chosen.map((u) => u.id), change: 'dispatched' },
      [],
    );
  }

  async function markDispatched(principal: Principal, incidentId: string) {
    const incident = await incidents.get(principal, incidentId);
    if (incident.status === 'received' || incident.status === 'answered') {
      await incidents.changeStatus(principal, incidentId, { status: 'dispatched' });
    }
  }

  async function etasFor(principal: Principal, incidentId: string, list: Unit[]) {
    const incident = await incidents.get(principal, incidentId);
    const located = list.filter((u) => u.position);
    const times = routing.travelTimes(
      principal.tenantCode,
      located.map((u) => [u.position!.lon, u.position!.lat] as const),
      [incident.location.lon, incident.location.lat],
    );
    return new Map(located.map((u, i) => [u.id, times[i]!.etaS]));
  }

  return {
    async recommendations(
      principal: Principal,
      incidentId: string,
      q: {
        scope: 'area' | 'county';
        perStation?: number | undefined;
        capabilities?: string[] | undefined;
        allowLastUnit?: boolean | undefined;
        limit: number;
      },
    ) {
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
      const shown = routing.travelTimes(
        principal.tenantCode,
        result.units.map(
          (r) => [byId.get(r.unitId)!.position!.lon, byId.get(r.unitId)!.position!.lat] as const,
        ),
        [incident.location.lon, incident.location.lat],
      );
      result.units.forEach((r, i) => {
        r.distanceM = shown[i]!.distanceM;
      });
      const dir = await orgs.directory(principal.tenantCode);
      const round = (n: number) => (Number.isFinite(n) ? Math.round(n) : null);
      return {
        incidentId,
        scope: q.scope,
        targetSeconds: incident.targetSeconds,
        zone: incident.zone,
        withinTarget: result.withinTarget,
        shortfall: result.shortfall,
        items: result.units.map((r) => ({
          unit: {
            id: r.unitId,
            callsign: byId.get(r.unitId)!.callsign,
            name: byId.get(r.unitId)!.name,
            kind: byId.get(r.unitId)!.kind,
            capabilities: r.capabilities,
          },
          station: { id: r.stationId, name: dir.get(r.stationId)?.name ?? '' },
          eta_s: round(r.etaS),
          distance_m: round(r.distanceM),
          withinTarget: r.withinTarget,
        })),
        excluded: result.excluded.map((e) => ({ ...e, stationName: dir.get(e.stationId)?.name ?? '' })),
      };
    },

    /** "Each station of 北片 sends N": one request per station, each answered on its own. */
    async createRequests(
      principal: Principal,
      incidentId: string,
      body: { stations: string[] | 'area'; perStation: number; note?: string | undefined },
    ) {
      requireRole(principal, COMMAND, 'Requesting units from stations');
      const incident = await incidents.get(principal, incidentId);
      const dir = await orgs.directory(principal.tenantCode);
      let stationIds: string[];
      if (body.stations === 'area') {
        if (!incident.area)
          throw invalid('/stations', 'the incident has no joint-service area; list the stations');
        stationIds = dir
          .childrenOf(incident.area.id)
          .filter((o) => o.kind === 'station')
          .map((o) => o.id);
      } else {
        stationIds = [...new Set(body.stations)];
        const unknown = stationIds.find((id) => !['station', 'brigade'].includes(dir.get(id)?.kind ?? ''));
        if (unknown) throw invalid('/stations', `"${unknown}" is not a station or brigade of this county`);
        // 1+5+X: a joint area's command room tasks its own stations and the county brigades (the X);
        // stations of another area are tasked by the county command centre (跨区域警情报上级指挥).
        const foreign = stationIds.filter(
          (id) => dir.get(id)?.kind === 'station' && !canReach(principal, dir.pathOf(id)),
        );
        if (foreign.length > 0)
          throw forbidden(
            `${foreign.map((id) => dir.get(id)!.name).join('、')} lie outside your joint area: support across ` +
              `areas is ordered by the county command centre. Refer the incident up (POST /api/incidents/${incidentId}/escalate) ` +
              'or ask your own stations and the county brigades.',
          );
      }
      const now = clock.now();
      const rows: RequestRow[] = stationIds.map((stationId) => ({
        tenant_code: principal.tenantCode,
        id: randomUUID(),
        incident_id: incidentId,
        station_id: stationId,
        quantity: body.perStation,
        status: 'requested' as const,
        unit_ids: [],
        reason: null,
        note: body.note ?? null,
        requested_by: principal.username,
        requested_at: now,
        answered_by: null,
        answered_at: null,
        released_at: null,
      }));
      await db.transaction().execute(async (trx) => {
        await repo.insertRequests(trx, rows);
        for (const r of rows) {
          await incidents.linkOrg(trx, principal, incidentId, r.station_id, 'requested');
          await emitRequest(trx, principal.tenantCode, r);
        }
        await audit.write(trx, principal, {
          action: 'request.create',
          resource: 'incident',
          resourceId: incidentId,
          detail: { stations: stationIds, perStation: body.perStation },
        });
      });
      bus.kick();
      return Promise.all(
        rows.map(async (r) => presentRequest(r, await stationName(principal.tenantCode, r.station_id))),
      );
    },

    async board(principal: Principal, incidentId: string) {
      await incidents.get(principal, incidentId);
      const rows = await repo.requestsOf(db, principal.tenantCode, incidentId);
      return Promise.all(
        rows.map(async (r) => presentRequest(r, await stationName(principal.tenantCode, r.station_id))),
      );
    },

    async openForMe(principal: Principal) {
      requireRole(principal, STATION, 'Viewing requests');
      const dir = await orgs.directory(principal.tenantCode);
      const stations =
        principal.scopeKind === 'tenant'
          ? [...dir.ofKind('station'), ...dir.ofKind('brigade')].map((o) => o.id)
          : dir.subtreeIds(principal.orgId);
      const rows = await repo.openRequestsOfStations(db, principal.tenantCode, stations);
      return rows.map((r) => presentRequest(r, dir.get(r.station_id)?.name ?? ''));
    },

    /** The station commits named units: they go en route to the incident. */
    async commit(principal: Principal, requestId: string, unitIds: string[]) {
      requireRole(principal, STATION, 'Committing units');
      const r = await loadRequest(principal, requestId);
      if (r.status !== 'requested') throw conflict(`request is already ${r.status}`, { current: r.status });
      const chosen: Unit[] = [];
      for (const id of new Set(unitIds)) {
        const u = await units.get(db, principal.tenantCode, id);
        if (!u || u.stationId !== r.station_id)
          throw invalid(
            '/unit_ids',
            `unit "${id}" is not a unit of ${await stationName(principal.tenantCode, r.station_id)}`,
          );
        if (u.status !== 'available' && u.status !== 'returning')
          throw conflict(`unit ${u.callsign} is ${u.status}, not available`);
        chosen.push(u);
      }
      const etas = await etasFor(principal, r.incident_id, chosen);
      await db.transaction().execute(async (trx) => {
        const answered = {
          status: 'committed' as const,
          unit_ids: chosen.map((u) => u.id),
          answered_by: principal.username,
          answered_at: clock.now(),
        };
        await repo.answer(trx, principal.tenantCode, requestId, answered);
        await assignUnits(trx, principal, r.incident_id, chosen, requestId, etas);
        await audit.write(trx, principal, {
          action: 'request.commit',
          resource: 'request',
          resourceId: requestId,
          detail: { incidentId: r.incident_id, unitIds: answered.unit_ids },
        });
        await emitRequest(trx, principal.tenantCode, { ...r, ...answered });
      });
      bus.kick();
      await markDispatched(principal, r.incident_id).catch(() => undefined);
      return presentRequest(
        (await repo.request(db, principal.tenantCode, requestId))!,
        await stationName(principal.tenantCode, r.station_id),
      );
    },

    async decline(principal: Principal, requestId: string, reason: string) {
      requireRole(principal, STATION, 'Declining requests');
      const r = await loadRequest(principal, requestId);
      if (r.status !== 'requested') throw conflict(`request is already ${r.status}`, { current: r.status });
      await db.transaction().execute(async (trx) => {
        const answered = {
          status: 'declined' as const,
          reason,
          answered_by: principal.username,
          answered_at: clock.now(),
        };
        await repo.answer(trx, principal.tenantCode, requestId, answered);
        await audit.write(trx, principal, {
          action: 'request.decline',
          resource: 'request',
          resourceId: requestId,
          reason,
          detail: { incidentId: r.incident_id },
        });
        await emitRequest(trx, principal.tenantCode, { ...r, ...answered });
      });
      bus.kick();
      return presentRequest(
        (await repo.request(db, principal.tenantCode, requestId))!,
        await stationName(principal.tenantCode, r.station_id),
      );
    },

    /**
     * A joint area's command room refers an incident up to the county command centre (cross-area support,
     * or more than the area can give): the incident joins the county's queue, its timeline and the audit
     * say who referred it and why, and county consoles are alerted.
     */
    async escalate(principal: Principal, incidentId: string, reason: string) {
      requireRole(principal, COMMAND, 'Referring incidents up');
      if (principal.scopeKind === 'tenant')
        throw conflict('you are the county command centre: there is no command above to refer to');
      const incident = await incidents.get(principal, incidentId);
      if (!isOpen(incident.status as IncidentStatus))
        throw conflict(`the incident is ${incident.status}: nothing to refer`, { current: incident.status });
      const dir = await orgs.directory(principal.tenantCode);
      const county = dir.root();
      if (!county) throw notFound('county command', principal.tenantCode);
      if (incident.timeline.some((e) => e.kind === 'org-linked' && e.detail?.role === 'escalated'))
        throw conflict('the incident has already been referred to the county command centre');
      const from = dir.get(principal.orgId);
      await db.transaction().execute(async (trx) => {
        // The reason stays on the timeline for whoever opens the incident later.
        await incidents.linkOrg(trx, principal, incidentId, county.id, 'escalated', reason);
        await audit.write(trx, principal, {
          action: 'incident.escalate',
          resource: 'incident',
          resourceId: incidentId,
          detail: { number: incident.number, from: from?.name ?? principal.orgId, reason },
        });
        await enqueue(
          trx,
          principal.tenantCode,
          'incident.escalated',
          {
            incidentId,
            number: incident.number,
            fromOrgId: principal.orgId,
            fromName: from?.name ?? '',
            by: principal.username,
            reason,
          },
          // County-wide users only: an event whose orgs are the county root reaches no narrower scope.
          [county.id],
        );
      });
      bus.kick();
      return incidents.get(principal, incidentId);
    },

    /** The command room lets committed units go home when the job is done. */
    async release(principal: Principal, requestId: string) {
      requireRole(principal, COMMAND, 'Releasing units');
      const r = await loadRequest(principal, requestId);
      if (r.status !== 'committed')
        throw conflict(`only committed requests can be released (this one is ${r.status})`);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await repo.answer(trx, principal.tenantCode, requestId, { status: 'released', released_at: now });
        await repo.releaseUnits(trx, principal.tenantCode, r.incident_id, r.unit_ids, now);
        for (const id of r.unit_ids) {
          const u = await units.get(trx, principal.tenantCode, id);
          if (u && u.incidentId === r.incident_id) {
            await units.setStatus(trx, principal.tenantCode, u, {
              status: 'returning',
              incidentId: null,
              note: 'released',
              at: now,
              actor: principal.username,
            });
            await emitUnitStatus(trx, principal.tenantCode, u, 'returning', null, now);
          }
        }
        await audit.write(trx, principal, {
          action: 'request.release',
          resource: 'request',
          resourceId: requestId,
          detail: { incidentId: r.incident_id, unitIds: r.unit_ids },
        });
        await emitRequest(trx, principal.tenantCode, { ...r, status: 'released', released_at: now });
        await enqueue(
          trx,
          principal.tenantCode,
          'incident.units',
          { incidentId: r.incident_id, unitIds: r.unit_ids, change: 'released' },
          [],
        );
      });
      bus.kick();
      return presentRequest(
        (await repo.request(db, principal.tenantCode, requestId))!,
        await stationName(principal.tenantCode, r.station_id),
      );
    },

    /** Direct dispatch by the command room (one click from the recommendation list). */
    async dispatch(principal: Principal, incidentId: string, unitIds: string[]) {
      requireRole(principal, COMMAND, 'Dispatching units');
      await incidents.get(principal, incidentId);
      const dir = await orgs.directory(principal.tenantCode);
      const chosen: Unit[] = [];
      for (const id of new Set(unitIds)) {
        const u = await units.get(db, principal.tenantCode, id);
        if (!u || !canReach(principal, dir.pathOf(u.stationId)))
          throw invalid('/unit_ids', `unit "${id}" does not exist or is outside your scope`);
        if (u.status !== 'available' && u.status !== 'returning')
          throw conflict(`unit ${u.callsign} is ${u.status}, not available`);
        chosen.push(u);
      }
      const etas = await etasFor(principal, incidentId, chosen);
      await db.transaction().execute(async (trx) => {
        await assignUnits(trx, principal, incidentId, chosen, null, etas);
        await audit.write(trx, principal, {
          action: 'incident.dispatch',
          resource: 'incident',
          resourceId: incidentId,
          detail: { unitIds: chosen.map((u) => u.id) },
        });
      });
      bus.kick();
      await markDispatched(principal, incidentId).catch(() => undefined);
      const rows = await repo.assignments(db, principal.tenantCode, incidentId);
      return rows.map((a) => ({
        unitId: a.unit_id,
        requestId: a.request_id,
        eta_s: a.eta_s === null ? null : Math.round(a.eta_s),
        dispatchedAt: new Date(a.dispatched_at).toISOString(),
        releasedAt: a.released_at ? new Date(a.released_at).toISOString() : null,
      }));
    },
  };
}
export type DispatchService = ReturnType<typeof createDispatchService>;
