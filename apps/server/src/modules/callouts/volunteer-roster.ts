import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

/** Vetting levels as the volunteers module records them: anything but unvetted/pending/refused counts as vetted. */
export function vettingLevel(vetting: string): number {
  return vetting === 'unvetted' || vetting === 'pending' || vetting === 'refused' || vetting === 'rejected'
    ? 0
    : 1;
}

export interface RosterVolunteer {
  memberId: string;
  userId: string | null;
  nameMasked: string;
  skills: string[];
  vetting: number;
  onDuty: boolean;
  lon: number;
  lat: number;
  at: Date;
}

/**
 * The volunteers a call-out may reach, read from the volunteers module's tables: members still serving,
 * with a live position (kept only while on duty and with consent to location sharing).
 */
export function createVolunteerRoster() {
  return {
    async located(db: Kysely<DB>, tenantCode: string): Promise<RosterVolunteer[]> {
      const rows = await db
        .selectFrom('volunteer_members as m')
        .innerJoin('volunteer_positions as p', (j) =>
          j.onRef('p.tenant_code', '=', 'm.tenant_code').onRef('p.member_id', '=', 'm.id'),
        )
        .select([
          'm.id',
          'm.user_id',
          'm.name_masked',
          'm.skills',
          'm.vetting',
          'm.on_duty',
          'm.location_consent_at',
          'm.location_withdrawn_at',
          'p.lon',
          'p.lat',
          'p.at',
        ])
        .where('m.tenant_code', '=', tenantCode)
        .where('m.left_on', 'is', null)
        .execute();
      return rows
        .filter((r) => r.location_consent_at !== null && r.location_withdrawn_at === null)
        .map((r) => ({
          memberId: r.id,
          userId: r.user_id,
          nameMasked: r.name_masked,
          skills: Array.isArray(r.skills) ? r.skills : [],
          vetting: vettingLevel(r.vetting),
          onDuty: r.on_duty,
          lon: r.lon,
          lat: r.lat,
          at: new Date(r.at),
        }));
    },

    /** The member record of a signed-in volunteer (null when the user is no serving member). */
    async memberOfUser(db: Kysely<DB>, tenantCode: string, userId: string) {
      return db
        .selectFrom('volunteer_members')
        .select(['id', 'on_duty', 'location_consent_at', 'location_withdrawn_at', 'phone'])
        .where('tenant_code', '=', tenantCode)
        .where('user_id', '=', userId)
        .where('left_on', 'is', null)
        .executeTakeFirst();
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

    /** Stores the latest position of a member (one row each). */
    async storePosition(
      db: Kysely<DB>,
      tenantCode: string,
      memberId: string,
      p: { lon: number; lat: number; accuracyM: number | null; at: Date },
    ) {
      await db
        .insertInto('volunteer_positions')
        .values({
          tenant_code: tenantCode,
          member_id: memberId,
          lon: p.lon,
          lat: p.lat,
          accuracy_m: p.accuracyM,
          at: p.at,
        })
        .onConflict((oc) =>
          oc.columns(['tenant_code', 'member_id']).doUpdateSet({
            lon: p.lon,
            lat: p.lat,
            accuracy_m: p.accuracyM,
            at: sql`excluded.at`,
          }),
        )
        .execute();
    },
  };
}
export type VolunteerRoster = ReturnType<typeof createVolunteerRoster>;
