import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { DB, VolunteerActivitiesTable, VolunteerActivityPeopleTable } from '../../platform/db/schema.ts';

export type ActivityRow = Selectable<VolunteerActivitiesTable>;
export type PersonRow = Selectable<VolunteerActivityPeopleTable>;

export interface ActivityFilter {
  teamIds?: readonly string[] | undefined;
  memberId?: string | undefined;
  kind?: string | undefined;
  status?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

/** Volunteer activity records and their people (tables of migration 20261206T1610). */
export function createActivitiesRepo() {
  const filtered = (db: Kysely<DB>, tenantCode: string, f: ActivityFilter) => {
    let q = db.selectFrom('volunteer_activities as a').where('a.tenant_code', '=', tenantCode);
    if (f.teamIds) q = q.where('a.team_id', 'in', f.teamIds.length ? [...f.teamIds] : ['']);
    if (f.kind) q = q.where('a.kind', '=', f.kind);
    if (f.status) q = q.where('a.status', '=', f.status);
    if (f.from) q = q.where('a.occurred_at', '>=', f.from);
    if (f.to) q = q.where('a.occurred_at', '<', f.to);
    if (f.memberId) {
      const memberId = f.memberId;
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('volunteer_activity_people as p')
            .select('p.member_id')
            .whereRef('p.tenant_code', '=', 'a.tenant_code')
            .whereRef('p.activity_id', '=', 'a.id')
            .where('p.member_id', '=', memberId),
        ),
      );
    }
    return q;
  };
  return {
    async list(
      db: Kysely<DB>,
      tenantCode: string,
      f: ActivityFilter,
      page: { limit: number; offset: number },
    ): Promise<{ rows: ActivityRow[]; total: number }> {
      const [rows, count] = await Promise.all([
        filtered(db, tenantCode, f)
          .selectAll('a')
          .orderBy('a.occurred_at', 'desc')
          .orderBy('a.id')
          .limit(page.limit)
          .offset(page.offset)
          .execute(),
        filtered(db, tenantCode, f)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirst(),
      ]);
      return { rows, total: Number(count?.n ?? 0) };
    },
    find(db: Kysely<DB>, tenantCode: string, id: string) {
      return db
        .selectFrom('volunteer_activities')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    /** The people of these records with their masked names. */
    async people(db: Kysely<DB>, tenantCode: string, activityIds: readonly string[]) {
      if (activityIds.length === 0) return [];
      return db
        .selectFrom('volunteer_activity_people as p')
        .leftJoin('volunteer_members as m', (j) =>
          j.onRef('m.tenant_code', '=', 'p.tenant_code').onRef('m.id', '=', 'p.member_id'),
        )
        .select(['p.activity_id', 'p.member_id', 'p.role', 'p.points', 'p.day', 'm.name_masked'])
        .where('p.tenant_code', '=', tenantCode)
        .where('p.activity_id', 'in', [...activityIds])
        .orderBy('p.activity_id')
        .orderBy('p.role')
        .orderBy('p.member_id')
        .execute();
    },
    /** Points already awarded to a member on a day (the daily cap counts them). */
    async earnedOn(db: Kysely<DB>, tenantCode: string, memberId: string, day: string): Promise<number> {
      const r = await db
        .selectFrom('volunteer_activity_people')
        .select((eb) => eb.fn.sum<string>('points').as('s'))
        .where('tenant_code', '=', tenantCode)
        .where('member_id', '=', memberId)
        .where('day', '=', day)
        .where('points', 'is not', null)
        .executeTakeFirst();
      return Number(r?.s ?? 0);
    },
    /** Confirmed points per member and team within [from, to) (a month or a year). */
    pointsByMember(
      db: Kysely<DB>,
      tenantCode: string,
      f: { teamIds?: readonly string[] | undefined; memberId?: string; from: Date; to: Date },
    ) {
      let q = db
        .selectFrom('volunteer_activity_people as p')
        .innerJoin('volunteer_activities as a', (j) =>
          j.onRef('a.tenant_code', '=', 'p.tenant_code').onRef('a.id', '=', 'p.activity_id'),
        )
        .where('p.tenant_code', '=', tenantCode)
        .where('a.status', '=', 'confirmed')
        .where('a.occurred_at', '>=', f.from)
        .where('a.occurred_at', '<', f.to);
      if (f.teamIds) q = q.where('a.team_id', 'in', f.teamIds.length ? [...f.teamIds] : ['']);
      if (f.memberId) q = q.where('p.member_id', '=', f.memberId);
      return q
        .select((eb) => [
          'p.member_id',
          'a.team_id',
          'a.kind',
          eb.fn.sum<string>('p.points').as('points'),
          eb.fn.countAll<string>().as('activities'),
          eb.fn.sum<string>('a.duration_minutes').as('minutes'),
          eb.fn.max('a.occurred_at').as('last_at'),
        ])
        .groupBy(['p.member_id', 'a.team_id', 'a.kind'])
        .execute();
    },
    /** Confirmed records per team and kind within [from, to): count, person-minutes, points. */
    figures(
      db: Kysely<DB>,
      tenantCode: string,
      f: { teamIds?: readonly string[] | undefined; from?: Date; to: Date },
    ) {
      let q = db
        .selectFrom('volunteer_activities as a')
        .where('a.tenant_code', '=', tenantCode)
        .where('a.status', '=', 'confirmed')
        .where('a.occurred_at', '<', f.to);
      if (f.from) q = q.where('a.occurred_at', '>=', f.from);
      if (f.teamIds) q = q.where('a.team_id', 'in', f.teamIds.length ? [...f.teamIds] : ['']);
      return q
        .select((eb) => [
          'a.team_id',
          'a.kind',
          eb.fn.countAll<string>().as('n'),
          sql<string>`sum(a.duration_minutes * (select count(*) from volunteer_activity_people p where p.tenant_code = a.tenant_code and p.activity_id = a.id))`.as(
            'person_minutes',
          ),
          sql<string>`coalesce(sum((select sum(p.points) from volunteer_activity_people p where p.tenant_code = a.tenant_code and p.activity_id = a.id)), 0)`.as(
            'points',
          ),
        ])
        .groupBy(['a.team_id', 'a.kind'])
        .execute();
    },
  };
}
export type ActivitiesRepo = ReturnType<typeof createActivitiesRepo>;
