import { randomUUID } from 'node:crypto';
import { type CoverageRow, coverage, isAssignable, isUnitStatus } from '@ronghui/dispatch';
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
import type { RoutingService } from '../routing/index.ts';
import type { UnitsRepo } from '../units/index.ts';
import type { CoverageRepo, PatrolFeatureRow } from './coverage.repo.ts';
import { READ_ACCESS } from '../../platform/auth/read-access.ts';

const READ: readonly Role[] = READ_ACCESS.patrol;
const PLAN: Role[] = ['dispatcher', 'commander'];

export interface PatrolFeatureInput {
  kind: 'guard-point' | 'patrol-line' | 'control-area';
  name: string;
  geometry: { type: 'Point' | 'LineString' | 'Polygon'; coordinates: unknown };
  stationId: string;
  unitIds: string[];
  note?: string | undefined;
}

/** A stored plan feature with its station's name, for presenting. */
export interface PatrolPlanRecord {
  row: PatrolFeatureRow;
  stationName: string;
}

/** Coverage as computed: arrival times in seconds (Infinity when no unit reaches a village). */
export interface CoverageRecord {
  at: Date;
  availableUnits: number;
  minutes: number[];
  rows: (CoverageRow & { name: string })[];
  villages: { code: string; name: string; lon: number; lat: number; arrivalS: number }[];
}

const GEOMETRY_OF = {
  'guard-point': 'Point',
  'patrol-line': 'LineString',
  'control-area': 'Polygon',
} as const;

export function createCoverageService(deps: {
  db: Kysely<DB>;
  repo: CoverageRepo;
  units: UnitsRepo;
  orgs: OrgsService;
  routing: RoutingService;
  audit: AuditService;
  bus: EventBus;
  clock: Clock;
}) {
  const { db, repo, units, orgs, routing, audit, bus, clock } = deps;

  return {
    /** Share of people and villages the currently available on-duty units reach within each time, by area. */
    async coverage(principal: Principal, minutes: number[]): Promise<CoverageRecord> {
      requireRole(principal, READ, 'Reading coverage');
      const tenant = principal.tenantCode;
      const dir = await orgs.directory(tenant);
      const onDuty = await units.onDutyIds(db, tenant, clock.now());
      const available = (await units.list(db, tenant)).filter(
        (u) => u.position && onDuty.has(u.id) && isUnitStatus(u.status) && isAssignable(u.status),
      );
      const villages = await repo.villages(db, tenant);
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
        at: clock.now(),
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
          arrivalS: arrival[i]!,
        })),
      };
    },

    /** The plan features of the stations in the user's scope, oldest first. */
    async listPlans(principal: Principal): Promise<PatrolPlanRecord[]> {
      requireRole(principal, READ, 'Reading patrol plans');
      const dir = await orgs.directory(principal.tenantCode);
      const rows = await repo.plans(db, principal.tenantCode);
      return rows
        .filter((r) => canReach(principal, dir.pathOf(r.station_id)))
        .map((row) => ({ row, stationName: dir.get(row.station_id)?.name ?? '' }));
    },

    async savePlan(principal: Principal, input: PatrolFeatureInput, id?: string): Promise<PatrolPlanRecord> {
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
          const updated = await repo.updatePlan(trx, principal.tenantCode, id, {
            ...values,
            updated_at: clock.now(),
          });
          if (!updated) throw notFound('patrol plan feature', id);
        } else {
          await repo.insertPlan(trx, {
            tenant_code: principal.tenantCode,
            id: planId,
            created_by: principal.username,
            ...values,
          });
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
      const row = (await repo.plan(db, principal.tenantCode, planId))!;
      return { row, stationName: station.name };
    },

    async deletePlan(principal: Principal, id: string): Promise<void> {
      requireRole(principal, PLAN, 'Planning patrols');
      const dir = await orgs.directory(principal.tenantCode);
      await db.transaction().execute(async (trx) => {
        const stationId = await repo.deletePlan(trx, principal.tenantCode, id);
        if (!stationId) throw notFound('patrol plan feature', id);
        await audit.write(trx, principal, {
          action: 'patrol.delete',
          resource: 'patrol-feature',
          resourceId: id,
        });
        await enqueue(
          trx,
          principal.tenantCode,
          'patrol.changed',
          { featureId: id, stationId, change: 'deleted' },
          dir.pathOf(stationId),
        );
      });
      bus.kick();
    },
  };
}
export type CoverageService = ReturnType<typeof createCoverageService>;
