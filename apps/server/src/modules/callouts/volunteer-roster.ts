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
