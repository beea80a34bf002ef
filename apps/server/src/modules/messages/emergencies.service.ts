import { randomUUID } from 'node:crypto';
import type { Emergency, EmergencyList } from '@ronghui/contracts';
import type { Kysely } from 'kysely';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { canReach, requireRole } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Role } from '../../platform/auth/roles.ts';
import type { EventBus } from '../../platform/bus/bus.ts';
import type { EventMap } from '../../platform/bus/events.ts';
import { enqueue } from '../../platform/bus/outbox.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import { conflict, forbidden, notFound } from '../../platform/http/errors.ts';
import type { OrgDirectory, OrgsService } from '../orgs/index.ts';
import type { RoutingService } from '../routing/index.ts';
import type { Unit, UnitsRepo } from '../units/index.ts';
import type { EmergenciesRepo, EmergencyRow } from './emergencies.repo.ts';
import { READ_ACCESS } from '../../platform/auth/read-access.ts';

const RAISE: Role[] = ['officer', 'auxiliary'];
const ACK: Role[] = ['dispatcher', 'commander'];
const READ: readonly Role[] = READ_ACCESS.emergency;
/** Units alerted besides the command rooms: the nearest available ones by road, up to this many … */
export const NEAREST_UNITS = 5;
/** … that can be there within this many seconds. */
export const NEAREST_MAX_ETA_S = 600;

/** The nearest units as stored with the emergency. */
type Nearest = EmergencyRow['nearest'];

function present(e: EmergencyRow, dir: OrgDirectory, callsign: string): Emergency {
  return {
    id: e.id,
    priority: 'urgent' as const,
    unit: { id: e.unit_id, callsign },
    station: { id: e.station_id, name: dir.get(e.station_id)?.name ?? '' },
    area: e.area_id ? { id: e.area_id, name: dir.get(e.area_id)?.name ?? '' } : null,
    position: e.lon !== null && e.lat !== null ? { lon: e.lon, lat: e.lat } : null,
    note: e.note,
    nearest: e.nearest.map((n) => ({
      unitId: n.unitId,
      callsign: n.callsign,
      stationId: n.stationId,
      stationName: dir.get(n.stationId)?.name ?? '',
      etaSeconds: n.etaS,
    })),
    raisedBy: e.raised_by,
    raisedAt: new Date(e.raised_at).toISOString(),
    open: e.acknowledged_at === null,
    acknowledgedBy: e.acknowledged_by,
    acknowledgedAt: e.acknowledged_at ? new Date(e.acknowledged_at).toISOString() : null,
  };
}

/** The emergency button (一键报警) of a unit: command rooms and the nearest units are alerted at once. */
export function createEmergenciesService(deps: {
  db: Kysely<DB>;
  repo: EmergenciesRepo;
  units: UnitsRepo;
  orgs: OrgsService;
  routing: RoutingService;
  audit: AuditService;
  bus: EventBus;
  clock: Clock;
}) {
  const { db, repo, units, orgs, routing, audit, bus, clock } = deps;

  async function nearestUnits(tenantCode: string, unit: Unit, at: { lon: number; lat: number }) {
    const onDuty = await units.onDutyIds(db, tenantCode, clock.now());
    const candidates = (await units.list(db, tenantCode, { status: 'available' })).filter(
      (u) => u.id !== unit.id && u.position && onDuty.has(u.id),
    );
    let times: { etaS: number }[];
    try {
      times = routing.travelTimes(
        tenantCode,
        candidates.map((u) => [u.position!.lon, u.position!.lat] as const),
        [at.lon, at.lat],
      );
    } catch {
      // Off the road network (or no graph): the command rooms are still alerted.
      return [];
    }
    return candidates
      .map((u, i) => ({ unitId: u.id, callsign: u.callsign, stationId: u.stationId, etaS: times[i]!.etaS }))
      .filter((n) => n.etaS <= NEAREST_MAX_ETA_S)
      .sort((a, b) => a.etaS - b.etaS)
      .slice(0, NEAREST_UNITS)
      .map((n) => ({ ...n, etaS: Math.round(n.etaS) }));
  }

  function raisedEvent(e: EmergencyRow, callsign: string, repeat: boolean): EventMap['emergency.raised'] {
    return {
      emergencyId: e.id,
      priority: 'urgent',
      unitId: e.unit_id,
      callsign,
      stationId: e.station_id,
      areaId: e.area_id,
      lon: e.lon,
      lat: e.lat,
      note: e.note,
      raisedBy: e.raised_by,
      raisedAt: new Date(e.raised_at).toISOString(),
      repeat,
      nearest: e.nearest.map(({ etaS, ...n }) => ({ ...n, etaSeconds: etaS })),
    };
  }

  return {
    /**
     * Raised by an officer or auxiliary of the unit's station (or a device token of that station). While the
     * unit's emergency is open, pressing again re-alerts the same emergency rather than opening another.
     */
    async raise(
      principal: Principal,
      unitId: string,
      input: { lon?: number | undefined; lat?: number | undefined; note?: string | undefined },
    ) {
      requireRole(principal, RAISE, 'Raising an emergency');
      const unit = await units.get(db, principal.tenantCode, unitId);
      if (!unit || !principal.orgPath.includes(unit.stationId)) throw notFound('unit', unitId);
      const dir = await orgs.directory(principal.tenantCode);
      const existing = await repo.openOfUnit(db, principal.tenantCode, unitId);
      const given = input.lon !== undefined && input.lat !== undefined;
      const position = given ? { lon: input.lon!, lat: input.lat! } : unit.position;
      const station = dir.get(unit.stationId);
      const area = station?.parentId && dir.get(station.parentId)?.kind === 'area' ? station.parentId : null;
      let e: EmergencyRow;
      if (existing) e = existing;
      else {
        const nearest: Nearest = position ? await nearestUnits(principal.tenantCode, unit, position) : [];
        e = {
          tenant_code: principal.tenantCode,
          id: randomUUID(),
          unit_id: unit.id,
          station_id: unit.stationId,
          area_id: area,
          lon: position?.lon ?? null,
          lat: position?.lat ?? null,
          note: input.note ?? null,
          nearest,
          // The unit's station, its joint area and the county (its ancestry), and the stations of the nearest units.
          org_ids: [
            ...new Set([unit.stationId, ...nearest.map((n) => n.stationId)].flatMap((id) => dir.pathOf(id))),
          ],
          raised_by: principal.username,
          raised_at: clock.now(),
          acknowledged_by: null,
          acknowledged_at: null,
        };
      }
      await db.transaction().execute(async (trx) => {
        if (!existing) await repo.insert(trx, { ...e, nearest: JSON.stringify(e.nearest) });
        await audit.write(trx, principal, {
          action: existing ? 'emergency.repeat' : 'emergency.raise',
          resource: 'emergency',
          resourceId: e.id,
          detail: {
            unitId: unit.id,
            position,
            note: input.note ?? null,
            nearest: e.nearest.map((n) => n.unitId),
          },
        });
        await enqueue(
          trx,
          principal.tenantCode,
          'emergency.raised',
          raisedEvent(e, unit.callsign, Boolean(existing)),
          e.org_ids,
        );
      });
      bus.kick();
      return { created: !existing, emergency: present(e, dir, unit.callsign) };
    },

    /** Taken in hand by the command room of the unit's station (its joint area or the county). */
    async acknowledge(principal: Principal, id: string) {
      requireRole(principal, ACK, 'Acknowledging emergencies');
      const dir = await orgs.directory(principal.tenantCode);
      const e = await repo.get(db, principal.tenantCode, id);
      if (!e || !canReach(principal, e.org_ids)) throw notFound('emergency', id);
      if (!canReach(principal, dir.pathOf(e.station_id)))
        throw forbidden('The command room of the unit’s area or the county acknowledges this emergency.');
      const now = clock.now();
      const done = await db.transaction().execute(async (trx) => {
        if (!(await repo.acknowledge(trx, principal.tenantCode, id, principal.username, now))) return false;
        await audit.write(trx, principal, {
          action: 'emergency.ack',
          resource: 'emergency',
          resourceId: id,
          detail: { unitId: e.unit_id },
        });
        await enqueue(
          trx,
          principal.tenantCode,
          'emergency.acknowledged',
          { emergencyId: id, unitId: e.unit_id, by: principal.username, at: now.toISOString() },
          e.org_ids,
        );
        return true;
      });
      if (!done) {
        const current = await repo.get(db, principal.tenantCode, id);
        throw conflict(`already acknowledged by ${current?.acknowledged_by ?? 'someone else'}`, {
          acknowledgedBy: current?.acknowledged_by ?? null,
        });
      }
      bus.kick();
      const unit = await units.get(db, principal.tenantCode, e.unit_id);
      return present((await repo.get(db, principal.tenantCode, id))!, dir, unit?.callsign ?? '');
    },

    /** Emergencies that concern the caller's scope (their station, area, county, or an alerted station). */
    async list(
      principal: Principal,
      q: { open?: boolean | undefined; limit: number },
    ): Promise<EmergencyList> {
      requireRole(principal, READ, 'Viewing emergencies');
      const dir = await orgs.directory(principal.tenantCode);
      const orgId = principal.scopeKind === 'tenant' ? undefined : principal.orgId;
      const { items: rows, total } = await repo.list(db, principal.tenantCode, { ...q, orgId });
      await audit.record(principal, {
        action: 'emergency.list',
        resource: 'emergency',
        detail: { open: q.open ?? null, count: rows.length },
      });
      const callsigns = new Map<string, string>();
      for (const e of rows)
        if (!callsigns.has(e.unit_id))
          callsigns.set(e.unit_id, (await units.get(db, principal.tenantCode, e.unit_id))?.callsign ?? '');
      return { items: rows.map((e) => present(e, dir, callsigns.get(e.unit_id) ?? '')), total };
    },
  };
}
export type EmergenciesService = ReturnType<typeof createEmergenciesService>;
