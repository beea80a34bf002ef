import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../apps/server/src/platform/db/schema.ts';
import type { FieldCrypto } from '../../apps/server/src/platform/privacy/field-crypto.ts';

export interface TestVolunteer {
  username: string;
  lon: number;
  lat: number;
  skills?: string[];
  onDuty?: boolean;
  consent?: boolean;
  vetting?: string;
  /** Leave without a live position. */
  noPosition?: boolean;
}

/**
 * Volunteers for tests and benchmarks, written straight into the volunteers module's tables: a sign-in
 * account (the demo volunteer's password), a serving member with a phone, and a live position.
 */
export async function addTestVolunteers(
  db: Kysely<DB>,
  crypto: FieldCrypto,
  tenantCode: string,
  list: readonly TestVolunteer[],
  /** The station leading the team they join. */
  stationId: string,
): Promise<{ username: string; userId: string; memberId: string }[]> {
  const template = await db
    .selectFrom('users')
    .select(['password_hash', 'org_id'])
    .where('tenant_code', '=', tenantCode)
    .where('username', '=', 'volunteer')
    .executeTakeFirstOrThrow();
  const now = new Date();
  const out: { username: string; userId: string; memberId: string }[] = [];
  const users = [];
  const members = [];
  const positions = [];
  for (const [i, v] of list.entries()) {
    const userId = randomUUID();
    const memberId = randomUUID();
    const phone = `139${String(10_000_000 + i).padStart(8, '0')}`;
    const index = (s: string) => createHash('sha256').update(`${tenantCode}:${s}`).digest('hex');
    users.push({
      id: userId,
      tenant_code: tenantCode,
      username: v.username,
      display_name: `测试志愿者${i + 1}`,
      password_hash: template.password_hash,
      roles: ['volunteer'],
      org_id: template.org_id,
    });
    members.push({
      tenant_code: tenantCode,
      id: memberId,
      name: crypto.encrypt(`测试志愿者${i + 1}`),
      name_masked: `测*${i + 1}`,
      name_index: index(`${v.username}-name`),
      phone: crypto.encrypt(phone),
      phone_masked: `${phone.slice(0, 3)}****${phone.slice(7)}`,
      phone_index: index(`${v.username}-phone`),
      user_id: userId,
      skills: JSON.stringify(v.skills ?? []),
      vetting: v.vetting ?? 'basic',
      location_consent_at: v.consent === false ? null : now,
      on_duty: v.onDuty ?? true,
      joined_on: '2026-01-01',
      created_by: 'test',
      created_at: now,
      updated_at: now,
    });
    if (!v.noPosition)
      positions.push({ tenant_code: tenantCode, member_id: memberId, lon: v.lon, lat: v.lat, at: now });
    out.push({ username: v.username, userId, memberId });
  }
  const teamId = randomUUID();
  await db
    .insertInto('volunteer_teams')
    .values({
      tenant_code: tenantCode,
      id: teamId,
      name: `测试义警队-${teamId.slice(0, 8)}`,
      kind: 'patrol',
      station_id: stationId,
      created_by: 'test',
      created_at: now,
      updated_at: now,
    })
    .execute();
  for (let i = 0; i < users.length; i += 500) {
    await db
      .insertInto('users')
      .values(users.slice(i, i + 500))
      .execute();
    await db
      .insertInto('volunteer_members')
      .values(members.slice(i, i + 500))
      .execute();
    await db
      .insertInto('volunteer_team_members')
      .values(
        members.slice(i, i + 500).map((m) => ({
          tenant_code: tenantCode,
          team_id: teamId,
          member_id: m.id,
          joined_on: '2026-01-01',
        })),
      )
      .execute();
  }
  for (let i = 0; i < positions.length; i += 500)
    await db
      .insertInto('volunteer_positions')
      .values(positions.slice(i, i + 500))
      .execute();
  return out;
}
