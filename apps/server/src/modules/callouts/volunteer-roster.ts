import { type Kysely, sql } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

/** Vetting levels of the volunteers module, lowest first. */
export const VETTING_LEVELS = ['unvetted', 'basic', 'full'] as const;
export function vettingLevel(vetting: string): number {
  return Math.max(0, VETTING_LEVELS.indexOf(vetting as (typeof VETTING_LEVELS)[number]));
}

/**
 * What a call-out shows of the volunteers it alerted, read from the volunteers module's tables: masked names,
 * live positions of those who accepted, and (decrypted for the SMS gateway only) phone numbers.
 */
/** A member who may be alerted: serving, on duty, consenting to location sharing, in an active team. */
interface PoolMember {
  memberId: string;
  userId: string | null;
  skills: string[];
  vetting: number;
  name: string;
}

interface TenantPool {
  version: string;
  members: Map<string, PoolMember>;
  positions: Map<string, { lon: number; lat: number }>;
  /** The database's clock when the pool last read positions (ms). */
  readAt: number;
  /** The database's clock at the last full load (ms). */
  loadedAt: number;
}

/**
 * Positions stored this long before the last read are read again, so one whose transaction committed a
 * moment after that read is still picked up; a full reload every few minutes catches anything slower.
 */
const POSITION_OVERLAP_MS = 2_000;
const FULL_RELOAD_MS = 5 * 60_000;

/**
 * What a call-out needs of the volunteers module's tables: who may be alerted and where they are (the call-out
 * pool, kept in memory and refreshed from the database at each use), masked names, live positions of those who
 * accepted, and (decrypted for the SMS gateway only) phone numbers.
 *
 * The pool is exact across instances: any write to members, team memberships or teams bumps
 * `volunteer_pool_version` (statement triggers), and the pool reloads the eligible members when it changed;
 * positions are read incrementally by the time the database stored them.
 */
export function createVolunteerRoster() {
  const pools = new Map<string, TenantPool>();

  async function reload(
    db: Kysely<DB>,
    tenantCode: string,
    version: string,
    now: number,
  ): Promise<TenantPool> {
    const [members, positions] = await Promise.all([
      db
        .selectFrom('volunteer_members as m')
        .select(['m.id', 'm.user_id', 'm.skills', 'm.vetting', 'm.name_masked'])
        .where('m.tenant_code', '=', tenantCode)
        .where('m.left_on', 'is', null)
        .where('m.on_duty', '=', true)
        .where('m.location_consent_at', 'is not', null)
        .where((eb) =>
          eb.or([
            eb('m.location_withdrawn_at', 'is', null),
            eb('m.location_withdrawn_at', '<', eb.ref('m.location_consent_at')),
          ]),
        )
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('volunteer_team_members as tm')
              .innerJoin('volunteer_teams as t', (j) =>
                j.onRef('t.tenant_code', '=', 'tm.tenant_code').onRef('t.id', '=', 'tm.team_id'),
              )
              .select('tm.member_id')
              .whereRef('tm.tenant_code', '=', 'm.tenant_code')
              .whereRef('tm.member_id', '=', 'm.id')
              .where('tm.left_on', 'is', null)
              .where('t.active', '=', true),
          ),
        )
        .execute(),
      db
        .selectFrom('volunteer_positions')
        .select(['member_id', 'lon', 'lat'])
        .where('tenant_code', '=', tenantCode)
        .execute(),
    ]);
    const pool: TenantPool = {
      version,
      members: new Map(
        members.map((r) => [
          r.id,
          {
            memberId: r.id,
            userId: r.user_id,
            skills: Array.isArray(r.skills) ? (r.skills as string[]) : [],
            vetting: vettingLevel(r.vetting),
            name: r.name_masked,
          },
        ]),
      ),
      positions: new Map(positions.map((r) => [r.member_id, { lon: r.lon, lat: r.lat }])),
      readAt: now,
      loadedAt: now,
    };
    pools.set(tenantCode, pool);
    return pool;
  }

  /** The tenant's pool, brought up to date: reloaded when members changed, else the new positions read. */
  async function current(db: Kysely<DB>, tenantCode: string): Promise<TenantPool> {
    const head = await db
      .selectFrom('volunteer_pool_version')
      .select(['version', sql<Date>`now()`.as('now')])
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    const version = String(head.version);
    const now = new Date(head.now).getTime();
    const pool = pools.get(tenantCode);
    if (!pool || pool.version !== version || now - pool.loadedAt > FULL_RELOAD_MS)
      return reload(db, tenantCode, version, now);
    const fresh = await db
      .selectFrom('volunteer_positions')
      .select(['member_id', 'lon', 'lat'])
      .where('tenant_code', '=', tenantCode)
      .where('stored_at', '>', new Date(pool.readAt - POSITION_OVERLAP_MS))
      .execute();
    for (const r of fresh) pool.positions.set(r.member_id, { lon: r.lon, lat: r.lat });
    pool.readAt = now;
    return pool;
  }

  return {
    /**
     * The call-out pool brought up to date (one or two small reads): `within(box)` then lists the serving
     * members of an active team, on duty, consenting, with a live position inside a box (the straight-line
     * bound of the rings wanted).
     */
    async pool(db: Kysely<DB>, tenantCode: string) {
      const pool = await current(db, tenantCode);
      return {
        within(box: { west: number; south: number; east: number; north: number }) {
          const out: {
            memberId: string;
            userId: string | null;
            skills: string[];
            vetting: number;
            onDuty: boolean;
            lon: number;
            lat: number;
          }[] = [];
          for (const [memberId, p] of pool.positions) {
            if (p.lon < box.west || p.lon > box.east || p.lat < box.south || p.lat > box.north) continue;
            const m = pool.members.get(memberId);
            if (!m) continue;
            out.push({
              memberId,
              userId: m.userId,
              skills: m.skills,
              vetting: m.vetting,
              onDuty: true,
              lon: p.lon,
              lat: p.lat,
            });
          }
          // In no particular order: the selection orders by road ETA, then by member id.
          return out;
        },
      };
    },

    /** Masked names of pool members known in memory (the others are read by `namesOf`). */
    knownNames(tenantCode: string, memberIds: readonly string[]) {
      const pool = pools.get(tenantCode);
      const out = new Map<string, string>();
      for (const id of memberIds) {
        const m = pool?.members.get(id);
        if (m) out.set(id, m.name);
      }
      return out;
    },

    /**
     * The command map's volunteer layer: serving members on duty and consenting, with a live position inside
     * the box, in active teams led by these stations (all stations when undefined), with their team ids.
     */
    async livePositions(
      db: Kysely<DB>,
      tenantCode: string,
      box: { west: number; south: number; east: number; north: number } | null,
      stationIds: readonly string[] | undefined,
    ) {
      let q = db
        .selectFrom('volunteer_positions as p')
        .innerJoin('volunteer_members as m', (j) =>
          j.onRef('m.tenant_code', '=', 'p.tenant_code').onRef('m.id', '=', 'p.member_id'),
        )
        .innerJoin('volunteer_team_members as tm', (j) =>
          j.onRef('tm.tenant_code', '=', 'm.tenant_code').onRef('tm.member_id', '=', 'm.id'),
        )
        .innerJoin('volunteer_teams as t', (j) =>
          j.onRef('t.tenant_code', '=', 'tm.tenant_code').onRef('t.id', '=', 'tm.team_id'),
        )
        .select(['m.id', 'm.name_masked', 'm.skills', 'p.lon', 'p.lat', 'p.at', 'tm.team_id'])
        .where('p.tenant_code', '=', tenantCode)
        .where('m.left_on', 'is', null)
        .where('m.on_duty', '=', true)
        .where('m.location_consent_at', 'is not', null)
        .where((eb) =>
          eb.or([
            eb('m.location_withdrawn_at', 'is', null),
            eb('m.location_withdrawn_at', '<', eb.ref('m.location_consent_at')),
          ]),
        )
        .where('tm.left_on', 'is', null)
        .where('t.active', '=', true);
      if (box)
        q = q
          .where('p.lon', '>=', box.west)
          .where('p.lon', '<=', box.east)
          .where('p.lat', '>=', box.south)
          .where('p.lat', '<=', box.north);
      if (stationIds) q = q.where('t.station_id', 'in', stationIds.length ? [...stationIds] : ['']);
      const rows = await q.orderBy('m.id').limit(5_000).execute();
      const byMember = new Map<
        string,
        {
          memberId: string;
          name: string;
          skills: string[];
          teamIds: string[];
          lon: number;
          lat: number;
          at: Date;
        }
      >();
      for (const r of rows) {
        const seen = byMember.get(r.id);
        if (seen) seen.teamIds.push(r.team_id);
        else
          byMember.set(r.id, {
            memberId: r.id,
            name: r.name_masked,
            skills: Array.isArray(r.skills) ? (r.skills as string[]) : [],
            teamIds: [r.team_id],
            lon: r.lon,
            lat: r.lat,
            at: new Date(r.at),
          });
      }
      return [...byMember.values()];
    },

    async phonesOf(db: Kysely<DB>, tenantCode: string, memberIds: readonly string[]) {
      if (!memberIds.length) return new Map<string, string>();
      const rows = await db
        .selectFrom('volunteer_members')
        .select(['id', 'phone'])
        .where('tenant_code', '=', tenantCode)
        .where('id', 'in', [...memberIds])
        .execute();
      return new Map(rows.map((r) => [r.id, r.phone]));
    },

    async positionsOf(db: Kysely<DB>, tenantCode: string, memberIds: readonly string[]) {
      if (!memberIds.length) return new Map<string, { lon: number; lat: number; at: Date }>();
      const rows = await db
        .selectFrom('volunteer_positions')
        .select(['member_id', 'lon', 'lat', 'at'])
        .where('tenant_code', '=', tenantCode)
        .where('member_id', 'in', [...memberIds])
        .execute();
      return new Map(rows.map((r) => [r.member_id, { lon: r.lon, lat: r.lat, at: new Date(r.at) }]));
    },

    async namesOf(db: Kysely<DB>, tenantCode: string, memberIds: readonly string[]) {
      if (!memberIds.length) return new Map<string, string>();
      const rows = await db
        .selectFrom('volunteer_members')
        .select(['id', 'name_masked'])
        .where('tenant_code', '=', tenantCode)
        .where('id', 'in', [...memberIds])
        .execute();
      return new Map(rows.map((r) => [r.id, r.name_masked]));
    },
  };
}
export type VolunteerRoster = ReturnType<typeof createVolunteerRoster>;
