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

export interface StoredPosition extends PositionRow {
  source: 'http' | 'mqtt' | 'simulator';
  receivedAt: Date;
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
    /** The unit a user works (上岗), if any. */
    async crewOf(db: Kysely<DB>, tenantCode: string, userId: string) {
      const row = await db
        .selectFrom('unit_crews')
        .select(['unit_id', 'since'])
        .where('tenant_code', '=', tenantCode)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row ? { unitId: row.unit_id, since: new Date(row.since) } : undefined;
    },
    /** Signs a user on to a unit (replacing the unit they worked before). */
    async signOn(trx: Kysely<DB>, tenantCode: string, userId: string, unitId: string, since: Date) {
      await trx
        .insertInto('unit_crews')
        .values({ tenant_code: tenantCode, user_id: userId, unit_id: unitId, since })
        .onConflict((oc) => oc.columns(['tenant_code', 'user_id']).doUpdateSet({ unit_id: unitId, since }))
        .execute();
    },
    /** Signs a user off their unit; the number of rows removed (0 or 1). */
    async signOff(trx: Kysely<DB>, tenantCode: string, userId: string): Promise<number> {
      const result = await trx
        .deleteFrom('unit_crews')
        .where('tenant_code', '=', tenantCode)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
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
    /**
     * Stores a batch of fixes. The rows travel as one JSON parameter per statement: a thousand fixes cost one
     * statement, not thousands of parameters.
     */
    async storePositions(trx: Kysely<DB>, tenantCode: string, rows: StoredPosition[]) {
      for (let i = 0; i < rows.length; i += 5_000) {
        const chunk = rows.slice(i, i + 5_000).map((p) => ({
          u: p.unitId,
          t: p.at.toISOString(),
          r: p.receivedAt.toISOString(),
          x: p.lon,
          y: p.lat,
          s: p.speedKmh,
          h: p.heading,
          src: p.source,
        }));
        await sql`INSERT INTO avl_positions (tenant_code, unit_id, at, received_at, lon, lat, speed_kmh, heading, source)
          SELECT ${tenantCode}, v.u, v.t, v.r, v.x, v.y, v.s, v.h, v.src
          FROM json_to_recordset(${JSON.stringify(chunk)}::json)
            AS v(u text, t timestamptz, r timestamptz, x float8, y float8, s float8, h float8, src text)`.execute(
          trx,
        );
      }
    },
    /** Moves units to the given fixes, never backwards in time (one statement, one JSON parameter). */
    async moveUnits(trx: Kysely<DB>, tenantCode: string, fixes: readonly PositionRow[]) {
      if (fixes.length === 0) return;
      const moves = fixes.map((p) => ({
        id: p.unitId,
        x: p.lon,
        y: p.lat,
        s: p.speedKmh,
        h: p.heading,
        t: p.at.toISOString(),
      }));
      await sql`UPDATE units AS u
        SET lon = v.x, lat = v.y, speed_kmh = v.s, heading = v.h, position_at = v.t
        FROM json_to_recordset(${JSON.stringify(moves)}::json)
          AS v(id text, x float8, y float8, s float8, h float8, t timestamptz)
        WHERE u.tenant_code = ${tenantCode} AND u.id = v.id AND (u.position_at IS NULL OR u.position_at <= v.t)`.execute(
        trx,
      );
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
