import type { Kysely } from 'kysely';
import type { DB } from '../src/platform/db/schema.ts';

/**
 * Makes up `total` units for a benchmark on a seeded demo: patrol cars (巡逻车) shared out over the stations
 * that already have units, each starting near one of its station's units, and every unit on a round-the-clock
 * rota so that all of them are on duty. Returns the number of units afterwards.
 */
export async function fillUnits(
  db: Kysely<DB>,
  tenantCode: string,
  total: number,
  now: Date,
): Promise<number> {
  const seeded = await db
    .selectFrom('units')
    .select(['id', 'station_id', 'lon', 'lat'])
    .where('tenant_code', '=', tenantCode)
    .where('lon', 'is not', null)
    .orderBy('id')
    .execute();
  const extra = Math.max(0, total - seeded.length);
  const rows = Array.from({ length: extra }, (_, i) => {
    const near = seeded[i % seeded.length]!;
    // A ring of start points a few hundred metres around the unit it is modelled on.
    const angle = (i * 2.399963) % (2 * Math.PI);
    const r = 0.002 + (i % 7) * 0.0008;
    return {
      tenant_code: tenantCode,
      id: `patrol-${String(i + 1).padStart(4, '0')}`,
      callsign: `巡${String(i + 1).padStart(3, '0')}`,
      name: `巡逻车 ${i + 1}`,
      kind: 'vehicle' as const,
      station_id: near.station_id,
      pool: null,
      capabilities: ['vehicle'],
      status: 'available' as const,
      lon: near.lon! + r * Math.cos(angle),
      lat: near.lat! + r * Math.sin(angle),
      speed_kmh: 0,
      heading: 0,
      position_at: now,
    };
  });
  for (let i = 0; i < rows.length; i += 100) {
    const chunk = rows.slice(i, i + 100);
    await db.insertInto('units').values(chunk).execute();
    await db
      .insertInto('duty_rotations')
      .values(
        chunk.map((u) => ({
          tenant_code: tenantCode,
          unit_id: u.id,
          anchor: new Date(now.getTime() - 3_600_000),
          on_hours: 24,
          off_hours: 0,
        })),
      )
      .execute();
  }
  await db
    .updateTable('duty_rotations')
    .set({ on_hours: 24, off_hours: 0, anchor: new Date(now.getTime() - 3_600_000) })
    .where('tenant_code', '=', tenantCode)
    .execute();
  return seeded.length + rows.length;
}
