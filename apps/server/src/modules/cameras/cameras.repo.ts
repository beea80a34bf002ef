import type { CameraFields } from '@ronghui/contracts';
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { CamerasTable, DB } from '../../platform/db/schema.ts';

export type { CameraFields } from '@ronghui/contracts';

/** A fixed camera and its pose, as the service works with it. */
export interface CameraRecord extends CameraFields {
  id: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

function toCamera(r: Selectable<CamerasTable>): CameraRecord {
  return {
    id: r.id,
    stationId: r.station_id,
    code: r.code,
    name: r.name,
    lon: r.lon,
    lat: r.lat,
    groundElevationMeters: r.ground_elevation_m,
    heightMeters: r.height_m,
    headingDegrees: r.heading,
    tiltDegrees: r.tilt,
    rollDegrees: r.roll,
    hfovDegrees: r.hfov,
    rangeMeters: r.range_m,
    streamKind: r.stream_kind,
    streamUrl: r.stream_url,
    active: r.active,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}

/** Columns of the given fields; Kysely leaves out the undefined ones. */
function toRow(c: Partial<CameraFields>): Updateable<CamerasTable> {
  return {
    station_id: c.stationId,
    code: c.code,
    name: c.name,
    lon: c.lon,
    lat: c.lat,
    ground_elevation_m: c.groundElevationMeters,
    height_m: c.heightMeters,
    heading: c.headingDegrees,
    tilt: c.tiltDegrees,
    roll: c.rollDegrees,
    hfov: c.hfovDegrees,
    range_m: c.rangeMeters,
    stream_kind: c.streamKind,
    stream_url: c.streamUrl,
    active: c.active,
  };
}

export function createCamerasRepo() {
  return {
    async list(db: Kysely<DB>, tenantCode: string, filter: { stationIds?: string[] | undefined } = {}) {
      let q = db.selectFrom('cameras').selectAll().where('tenant_code', '=', tenantCode);
      if (filter.stationIds)
        q = q.where('station_id', 'in', filter.stationIds.length ? filter.stationIds : ['']);
      return (await q.orderBy('code').execute()).map(toCamera);
    },
    async get(db: Kysely<DB>, tenantCode: string, id: string): Promise<CameraRecord | undefined> {
      const row = await db
        .selectFrom('cameras')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toCamera(row);
    },
    async idOfCode(db: Kysely<DB>, tenantCode: string, code: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('cameras')
        .select('id')
        .where('tenant_code', '=', tenantCode)
        .where('code', '=', code)
        .executeTakeFirst();
      return row?.id;
    },
    async insert(db: Kysely<DB>, tenantCode: string, id: string, c: CameraFields, createdBy: string) {
      await db
        .insertInto('cameras')
        .values({
          ...toRow(c),
          tenant_code: tenantCode,
          id,
          created_by: createdBy,
        } as Insertable<CamerasTable>)
        .execute();
    },
    async update(db: Kysely<DB>, tenantCode: string, id: string, c: Partial<CameraFields>, at: Date) {
      await db
        .updateTable('cameras')
        .set({ ...toRow(c), updated_at: at })
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .execute();
    },
    async remove(db: Kysely<DB>, tenantCode: string, id: string): Promise<boolean> {
      const res = await db
        .deleteFrom('cameras')
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .executeTakeFirst();
      return res.numDeletedRows > 0n;
    },
  };
}
export type CamerasRepo = ReturnType<typeof createCamerasRepo>;
