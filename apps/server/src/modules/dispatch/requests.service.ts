import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { canReach, requireRole } from '../../platform/auth/guard.ts';
import { READ_ACCESS } from '../../platform/auth/read-access.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { enqueue } from '../../platform/bus/outbox.ts';
import type { DB } from '../../platform/db/schema.ts';
import { conflict, forbidden, invalid, notFound } from '../../platform/http/errors.ts';
import type { Unit } from '../units/index.ts';
import { createUnitAssignment, requireAssignable } from './assign-units.ts';
import { COMMAND, type DispatchDeps, STATION } from './dispatch-deps.ts';
import type { RequestRow } from './dispatch.repo.ts';
import { enqueueUnitStatus } from '../units/index.ts';
import { incidentAudience } from '../incidents/index.ts';

/** A station request with the station's name, for presenting. */
export interface RequestRecord {
  row: RequestRow;
  stationName: string;
}

/**
 * Joint-area requests (OASIS EDXL-RM): the command room asks stations for units (request), each station
 * answers (commit named units, or decline with a reason), and the command room lets them go (release).
 */
export function createRequestsService(deps: DispatchDeps) {
  const { db, repo, units, incidents, orgs, audit, bus, clock } = deps;
  const assignment = createUnitAssignment(deps);

  async function record(tenantCode: string, row: RequestRow): Promise<RequestRecord> {
    return { row, stationName: (await orgs.directory(tenantCode)).get(row.station_id)?.name ?? '' };
  }

  async function reread(tenantCode: string, id: string): Promise<RequestRecord> {
    return record(tenantCode, (await repo.request(db, tenantCode, id))!);
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

  /** The stations a request goes to: the joint area's, or those listed (1+5+X rules). */
  async function targetStations(
    principal: Principal,
    incidentId: string,
    area: { id: string } | null,
    stations: string[] | 'area',
  ): Promise<string[]> {
    const dir = await orgs.directory(principal.tenantCode);
    let ids: string[];
    if (stations === 'area') {
      if (!area) throw invalid('/stations', 'the incident has no joint-service area; list the stations');
      ids = dir
        .childrenOf(area.id)
        .filter((o) => o.kind === 'station')
        .map((o) => o.id);
    } else {
      ids = [...new Set(stations)];
      const unknown = ids.find((id) => !['station', 'brigade'].includes(dir.get(id)?.kind ?? ''));
      if (unknown) throw invalid('/stations', `"${unknown}" is not a station or brigade of this county`);
    }
    // 1+5+X: a joint area's command room tasks its own stations and the county brigades (the X);
    // stations of another area are tasked by the county command centre (跨区域警情报上级指挥).
    const foreign = ids.filter(
      (id) => dir.get(id)?.kind === 'station' && !canReach(principal, dir.pathOf(id)),
    );
    if (foreign.length > 0)
      throw forbidden(
        `${foreign.map((id) => dir.get(id)!.name).join('、')} lie outside your joint area: support across ` +
          `areas is ordered by the county command centre. Refer the incident up (POST /api/incidents/${incidentId}/escalate) ` +
          'or ask your own stations and the county brigades.',
      );
    return ids;
  }

  return {
    /** "Each station of 北片 sends N": one request per station, each answered on its own. */
    async createRequests(
      principal: Principal,
      incidentId: string,
      body: { stations: string[] | 'area'; perStation: number; note?: string | undefined },
    ): Promise<RequestRecord[]> {
      requireRole(principal, COMMAND, 'Requesting units from stations');
      const incident = await incidents.get(principal, incidentId);
      const stationIds = await targetStations(principal, incidentId, incident.area, body.stations);
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
      return Promise.all(rows.map((r) => record(principal.tenantCode, r)));
    },

    /** The incident's request board: every request and its answer. */
    async board(principal: Principal, incidentId: string): Promise<RequestRecord[]> {
      requireRole(principal, READ_ACCESS.request, 'Viewing requests');
      await incidents.get(principal, incidentId);
      const rows = await repo.requestsOf(db, principal.tenantCode, incidentId);
      return Promise.all(rows.map((r) => record(principal.tenantCode, r)));
    },

    /** Open requests addressed to the user's station(s). */
    async openForMe(principal: Principal): Promise<RequestRecord[]> {
      requireRole(principal, STATION, 'Viewing requests');
      const dir = await orgs.directory(principal.tenantCode);
      const stations =
        principal.scopeKind === 'tenant'
          ? [...dir.ofKind('station'), ...dir.ofKind('brigade')].map((o) => o.id)
          : dir.subtreeIds(principal.orgId);
      const rows = await repo.openRequestsOfStations(db, principal.tenantCode, stations);
      return rows.map((row) => ({ row, stationName: dir.get(row.station_id)?.name ?? '' }));
    },

    /** The station commits named units: they go en route to the incident. */
    async commit(principal: Principal, requestId: string, unitIds: string[]): Promise<RequestRecord> {
      requireRole(principal, STATION, 'Committing units');
      const r = await loadRequest(principal, requestId);
      if (r.status !== 'requested') throw conflict(`request is already ${r.status}`, { current: r.status });
      const chosen: Unit[] = [];
      for (const id of new Set(unitIds)) {
        const u = await units.get(db, principal.tenantCode, id);
        if (!u || u.stationId !== r.station_id)
          throw invalid(
            '/unitIds',
            `unit "${id}" is not a unit of ${(await record(principal.tenantCode, r)).stationName}`,
          );
        requireAssignable(u);
        chosen.push(u);
      }
      const etas = await assignment.etasFor(principal, r.incident_id, chosen);
      await db.transaction().execute(async (trx) => {
        const answered = {
          status: 'committed' as const,
          unit_ids: chosen.map((u) => u.id),
          answered_by: principal.username,
          answered_at: clock.now(),
        };
        await repo.answer(trx, principal.tenantCode, requestId, answered);
        await assignment.assignUnits(trx, principal, r.incident_id, chosen, requestId, etas);
        await audit.write(trx, principal, {
          action: 'request.commit',
          resource: 'request',
          resourceId: requestId,
          detail: { incidentId: r.incident_id, unitIds: answered.unit_ids },
        });
        await emitRequest(trx, principal.tenantCode, { ...r, ...answered });
      });
      bus.kick();
      await assignment.markDispatched(principal, r.incident_id);
      return reread(principal.tenantCode, requestId);
    },

    async decline(principal: Principal, requestId: string, reason: string): Promise<RequestRecord> {
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
      return reread(principal.tenantCode, requestId);
    },

    /** The command room lets committed units go home when the job is done. */
    async release(principal: Principal, requestId: string): Promise<RequestRecord> {
      requireRole(principal, COMMAND, 'Releasing units');
      const r = await loadRequest(principal, requestId);
      if (r.status !== 'committed')
        throw conflict(`only committed requests can be released (this one is ${r.status})`);
      const now = clock.now();
      const dir = await orgs.directory(principal.tenantCode);
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
            await enqueueUnitStatus(trx, {
              tenantCode: principal.tenantCode,
              unit: u,
              status: 'returning',
              incidentId: null,
              at: now,
              orgPath: dir.pathOf(u.stationId),
            });
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
          await incidentAudience(trx, principal.tenantCode, r.incident_id),
        );
      });
      bus.kick();
      return reread(principal.tenantCode, requestId);
    },
  };
}
