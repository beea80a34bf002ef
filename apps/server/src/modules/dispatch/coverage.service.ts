import { randomUUID } from 'node:crypto';
import { coverage, isAssignable, isUnitStatus } from '@ronghui/dispatch';
import type { LngLat } from '@ronghui/geo';
import type { Kysely } from 'kysely';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { canReach, requireRole } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Role } from '../../platform/auth/roles.ts';
import type { EventBus } from '../../platform/bus/bus.ts';
import { enqueue } from '../../platform/bus/outbox.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import type { OrgsService } from '../orgs/index.ts';
import type { RoutingService } from '../routing/routing.service.ts';
import type { UnitsRepo } from '../units/units.repo.ts';

const READ: Role[] = ['dispatcher', 'commander', 'leader', 'officer'];
const PLAN: Role[] = ['dispatcher', 'commander'];

export interface PatrolFeatureInput {
  kind: 'guard-point' | 'patrol-line' | 'control-area';
  name: string;
  geometry: { type: 'Point' | 'LineString' | 'Polygon'; coordinates: unknown };
  stationId: string;
  unitIds: string[];
  note?: string | undefined;
}

const GEOMETRY_OF = {
  'guard-point': 'Point',
  'patrol-line': 'LineString',
  'control-area': 'Polygon',
} as const;

export function createCoverageService(deps: {
  db: Kysely<DB>;
  units: UnitsRepo;
  orgs: OrgsService;
  routing: RoutingService;
  audit: AuditService;
  bus: EventBus;
  clock: Clock;
}) {
  const { db, units, orgs, routing, audit, bus, clock } = deps;

  return {
    /** Share of people and villages the currently available on-duty units reach within each time, by area. */
    async coverage(principal: Principal, minutes: number[]) {
      requireRole(principal, READ, 'Reading coverage');
      const tenant = principal.tenantCode;
      const dir = await orgs.directory(tenant);
      const onDuty = await units.onDutyIds(db, tenant, clock.now());
      const available = (await units.list(db, tenant)).filter(
        (u) => u.position && onDuty.has(u.id) && isUnitStatus(u.status) && isAssignable(u.status),
      );
      const villages = await db
        .selectFrom('divisions')
        .select(['code', 'name', 'lon', 'lat', 'population', 'station_id'])
        .where('tenant_code', '=', tenant)
        .where('level', '=', 'village')
        .execute();
      const arrival = routing.fastestArrival(
        tenant,
        available.map((u) => [u.position!.lon, u.position!.lat] as LngLat),
        villages.map((v) => [v.lon, v.lat] as LngLat),
      );
      const areaOf = (stationId: string | null) =>
        stationId ? (dir.get(stationId)?.parentId ?? 'none') : 'none';
      const rows = coverage(
        villages.map((v) => ({ code: v.code, groupKey: areaOf(v.station_id), population: v.population })),
        arrival,
        minutes,
      );
      return {
        at: clock.now().toISOString(),
        availableUnits: available.length,
        minutes,
        rows: rows
          .filter((r) => r.key === 'all' || canReach(principal, dir.pathOf(r.key)))
          .map((r) => ({ ...r, name: r.key === 'all' ? '全县' : (dir.get(r.key)?.name ?? r.key) })),
        villages: villages.map((v, i) => ({
          code: v.code,
          name: v.name,
          lon: v.lon,
          lat: v.lat,
          arrivalS: Number.isFinite(arrival[i]!) ? Math.round(arrival[i]!) : null,
        })),
      };
    },

    async listPlans(principal: Principal) {
      requireRole(principal, READ, 'Reading patrol plans');
      const dir = await orgs.directory(principal.tenantCode);
      const rows = await db
        .selectFrom('patrol_features')
        .selectAll()
        .where('tenant_code', '=', principal.tenantCode)
        .orderBy('created_at')
        .execute();
      return {
        type: 'FeatureCollection' as const,
        features: rows
          .filter((r) => canReach(principal, dir.pathOf(r.station_id)))
          .map((r) => ({
            type: 'Feature' as const,
            id: r.id,
            geometry: r.geometry,
            properties: {
              id: r.id,
              kind: r.kind,
              name: r.name,
              stationId: r.station_id,
              stationName: dir.get(r.station_id)?.name ?? '',
              unitIds: r.unit_ids,
              note: r.note,
            },
          })),
      };
    },

    async savePlan(principal: Principal, input: PatrolFeatureInput, id?: string) {
      requireRole(principal, PLAN, 'Planning patrols');
      if (input.geometry.type !== GEOMETRY_OF[input.kind])
        throw invalid('/geometry/type', `a ${input.kind} is a ${GEOMETRY_OF[input.kind]}`);
      const dir = await orgs.directory(principal.tenantCode);
      const station = dir.get(input.stationId);
      if (!station || !['station', 'brigade'].includes(station.kind))
        throw invalid('/stationId', `"${input.stationId}" is not a station or brigade`);
      if (!canReach(principal, dir.pathOf(station.id))) throw notFound('station', input.stationId);
      for (const u of input.unitIds) {
        const unit = await units.get(db, principal.tenantCode, u);
        if (!unit) throw invalid('/unitIds', `unit "${u}" does not exist`);
        if (unit.stationId !== station.id)
          throw invalid(
            '/unitIds',
            `unit ${unit.callsign} belongs to another station: assign units of ${station.name}`,
          );
      }
      const planId = id ?? randomUUID();
      await db.transaction().execute(async (trx) => {
        const values = {
          kind: input.kind,
          name: input.name,
          geometry: JSON.stringify(input.geometry),
          station_id: input.stationId,
          unit_ids: input.unitIds,
          note: input.note ?? null,
        };
        if (id) {
          const res = await trx
            .updateTable('patrol_features')
            .set({ ...values, updated_at: clock.now() })
            .where('tenant_code', '=', principal.tenantCode)
            .where('id', '=', id)
            .executeTakeFirst();
          if (!res.numUpdatedRows) throw notFound('patrol plan feature', id);
        } else {
          await trx
            .insertInto('patrol_features')
            .values({
              tenant_code: principal.tenantCode,
              id: planId,
              created_by: principal.username,
              ...values,
            })
            .execute();
        }
        await audit.write(trx, principal, {
          action: id ? 'patrol.update' : 'patrol.create',
          resource: 'patrol-feature',
          resourceId: planId,
          detail: { kind: input.kind, name: input.name, units: input.unitIds.length },
        });
        await enqueue(
          trx,
          principal.tenantCode,
          'patrol.changed',
          { featureId: planId, stationId: station.id, change: id ? 'updated' : 'created' },
          dir.pathOf(station.id),
        );
      });
      bus.kick();
      return (await this.listPlans(principal)).features.find((f) => f.id === planId)!;
    },

    async deletePlan(principal: Principal, id: string) {
      requireRole(principal, PLAN, 'Planning patrols');
      const dir = await orgs.directory(principal.tenantCode);
      await db.transaction().execute(async (trx) => {
        const deleted = await trx
          .deleteFrom('patrol_features')
          .where('tenant_code', '=', principal.tenantCode)
          .where('id', '=', id)
          .returning('station_id')
          .executeTakeFirst();
        if (!deleted) throw notFound('patrol plan feature', id);
        await audit.write(trx, principal, {
          action: 'patrol.delete',
          resource: 'patrol-feature',
          resourceId: id,
        });
        await enqueue(
          trx,
          principal.tenantCode,
          'patrol.changed',
          { featureId: id, stationId: deleted.station_id, change: 'deleted' },
          dir.pathOf(deleted.station_id),
        );
      });
      bus.kick();
    },
  };
}
export type CoverageService = ReturnType<typeof createCoverageService>;
