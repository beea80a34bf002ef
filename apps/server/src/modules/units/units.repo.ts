import { type Kysely, type Selectable, sql } from 'kysely';
import { isOnDuty } from '@ronghui/dispatch';
import type { DB, UnitsTable } from '../../platform/db/schema.ts';

export interface Unit {
  id: string;
  tenantCode: string;
  callsign: string;
  name: string;
  kind: UnitsTable['kind'];
  stationId: string;
  pool: string | null;
  capabilities: string[];
  status: string;
  incidentId: string | null;
  position: { lon: number; lat: number; speedKmh: number | null; heading: number | null; at: Date } | null;
}

function toUnit(r: Selectable<UnitsTable>): Unit {
  return {
    id: r.id,
    tenantCode: r.tenant_code,
    callsign: r.callsign,
    name: r.name,
    kind: r.kind,
    stationId: r.station_id,
    pool: r.pool,
    capabilities: r.capabilities,
    status: r.status,
    incidentId: r.incident_id,
    position:
      r.lon !== null && r.lat !== null && r.position_at
        ? { lon: r.lon, lat: r.lat, speedKmh: r.speed_kmh, heading: r.heading, at: new Date(r.position_at) }
        : null,
  };
}

export interface PositionRow {
  unitId: string;
  at: Date;
  lon: number;
  lat: number;
  speedKmh: number | null;
  heading: number | null;
}

export function createUnitsRepo() {
  return {
    async list(
      db: Kysely<DB>,
      tenantCode: string,
      filter: { stationIds?: string[] | undefined; status?: string | undefined } = {},
    ) {
      let q = db.selectFrom('units').selectAll().where('tenant_code', '=', tenantCode);
      if (filter.stationIds)
        q = q.where('station_id', 'in', filter.stationIds.length ? filter.stationIds : ['']);
      if (filter.status) q = q.where('status', '=', filter.status);
      return (await q.orderBy('station_id').orderBy('callsign').execute()).map(toUnit);
    },
    async get(db: Kysely<DB>, tenantCode: string, id: string): Promise<Unit | undefined> {
      const row = await db
        .selectFrom('units')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toUnit(row);
    },
    async ids(db: Kysely<DB>, tenantCode: string): Promise<{ id: string; stationId: string }[]> {
      const rows = await db
        .selectFrom('units')
        .select(['id', 'station_id'])
        .where('tenant_code', '=', tenantCode)
        .execute();
      return rows.map((r) => ({ id: r.id, stationId: r.station_id }));
    },
    async onDutyIds(db: Kysely<DB>, tenantCode: string, at: Date): Promise<Set<string>> {
      const rows = await db
        .selectFrom('duty_rotations')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .execute();
      return new Set(
        rows
          .filter((r) =>
            isOnDuty(
              { anchor: new Date(r.anchor).getTime(), onHours: r.on_hours, offHours: r.off_hours },
              at.getTime(),
            ),
          )
          .map((r) => r.unit_id),
      );
    },
    async setStatus(
      trx: Kysely<DB>,
      tenantCode: string,
      unit: Unit,
      change: { status: string; incidentId: string | null; note: string | null; at: Date; actor: string },
    ) {
      await trx
        .updateTable('units')
        .set({ status: change.status, incident_id: change.incidentId })
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', unit.id)
        .execute();
      await trx
        .insertInto('unit_status_history')
        .values({
          tenant_code: tenantCode,
          unit_id: unit.id,
          status: change.status,
          at: change.at,
          lon: unit.position?.lon ?? null,
          lat: unit.position?.lat ?? null,
          speed_kmh: unit.position?.speedKmh ?? null,
          heading: unit.position?.heading ?? null,
          incident_id: change.incidentId,
          note: change.note,
          actor: change.actor,
        })
        .execute();
    },
    async history(db: Kysely<DB>, tenantCode: string, unitId: string, limit = 200) {
      return db
        .selectFrom('unit_status_history')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('unit_id', '=', unitId)
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
    },
    /** Stores accepted fixes and moves each unit to its latest one, in the caller's transaction. */
    async storePositions(
      trx: Kysely<DB>,
      tenantCode: string,
      rows: PositionRow[],
      source: 'http' | 'mqtt' | 'simulator',
      receivedAt: Date,
    ) {
      for (let i = 0; i < rows.length; i += 1_000) {
        await trx
          .insertInto('avl_positions')
          .values(
            rows.slice(i, i + 1_000).map((p) => ({
              tenant_code: tenantCode,
              unit_id: p.unitId,
              at: p.at,
              received_at: receivedAt,
              lon: p.lon,
              lat: p.lat,
              speed_kmh: p.speedKmh,
              heading: p.heading,
              source,
            })),
          )
          .execute();
      }
      const latest = new Map<string, PositionRow>();
      for (const p of rows) {
        const prev = latest.get(p.unitId);
        if (!prev || prev.at <= p.at) latest.set(p.unitId, p);
      }
      // One statement moves every unit of the batch to its latest fix (never backwards in time).
      const moves = [...latest.values()];
      for (let i = 0; i < moves.length; i += 500) {
        const values = sql.join(
          moves
            .slice(i, i + 500)
            .map(
              (p) =>
                sql`(${p.unitId}::text, ${p.lon}::float8, ${p.lat}::float8, ${p.speedKmh}::float8, ${p.heading}::float8, ${p.at.toISOString()}::timestamptz)`,
            ),
        );
        await sql`UPDATE units AS u
          SET lon = v.lon, lat = v.lat, speed_kmh = v.speed, heading = v.heading, position_at = v.at
          FROM (VALUES ${values}) AS v(id, lon, lat, speed, heading, at)
          WHERE u.tenant_code = ${tenantCode} AND u.id = v.id AND (u.position_at IS NULL OR u.position_at <= v.at)`.execute(
          trx,
        );
      }
    },
    async countRejections(trx: Kysely<DB>, tenantCode: string, counts: Map<string, number>, at: Date) {
      for (const [reason, n] of counts) {
        await trx
          .insertInto('avl_rejections')
          .values({ tenant_code: tenantCode, reason, count: n, last_at: at })
          .onConflict((oc) =>
            oc
              .columns(['tenant_code', 'reason'])
              .doUpdateSet({ count: sql`avl_rejections.count + ${n}`, last_at: at }),
          )
          .execute();
      }
    },
    async rejections(db: Kysely<DB>, tenantCode: string) {
      const rows = await db
        .selectFrom('avl_rejections')
        .select(['reason', 'count'])
        .where('tenant_code', '=', tenantCode)
        .execute();
      return Object.fromEntries(rows.map((r) => [r.reason, Number(r.count)]));
    },
    async positionCount(db: Kysely<DB>, tenantCode: string): Promise<number> {
      const row = await db
        .selectFrom('avl_positions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tenant_code', '=', tenantCode)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
export type UnitsRepo = ReturnType<typeof createUnitsRepo>;
