import type { Kysely } from 'kysely';
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
export function createVolunteerRoster() {
  return {
    /**
     * Serving members of an active team, on duty, consenting, with a live position inside a box (the
     * straight-line bound of the rings wanted): one query, joined in SQL as the volunteers module documents.
     */
    async locatedWithin(
      db: Kysely<DB>,
      tenantCode: string,
      box: { west: number; south: number; east: number; north: number },
    ) {
      const rows = await db
        .selectFrom('volunteer_positions as p')
        .innerJoin('volunteer_members as m', (j) =>
          j.onRef('m.tenant_code', '=', 'p.tenant_code').onRef('m.id', '=', 'p.member_id'),
        )
        .select(['m.id', 'm.user_id', 'm.skills', 'm.vetting', 'm.on_duty', 'p.lon', 'p.lat'])
        .where('p.tenant_code', '=', tenantCode)
        .where('p.lon', '>=', box.west)
        .where('p.lon', '<=', box.east)
        .where('p.lat', '>=', box.south)
        .where('p.lat', '<=', box.north)
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
        .execute();
      return rows.map((r) => ({
        memberId: r.id,
        userId: r.user_id,
        skills: Array.isArray(r.skills) ? (r.skills as string[]) : [],
        vetting: vettingLevel(r.vetting),
        onDuty: r.on_duty,
        lon: r.lon,
        lat: r.lat,
      }));
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
