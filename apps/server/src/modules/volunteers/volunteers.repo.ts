import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type {
  DB,
  VolunteerJoinRequestsTable,
  VolunteerMembersTable,
  VolunteerTeamMembersTable,
  VolunteerTeamsTable,
} from '../../platform/db/schema.ts';

export type TeamRow = Selectable<VolunteerTeamsTable>;
export type MemberRow = Selectable<VolunteerMembersTable>;
export type TeamMemberRow = Selectable<VolunteerTeamMembersTable>;
export type JoinRequestRow = Selectable<VolunteerJoinRequestsTable>;

export interface MemberFilter {
  /** Members of any of these teams (current membership); undefined = every member of the county. */
  teamIds?: readonly string[] | undefined;
  skill?: string | undefined;
  onDuty?: boolean | undefined;
  vetting?: string | undefined;
  /** Blind indexes to match exactly (name, phone or ID number). */
  indexes?: readonly string[] | undefined;
  memberIds?: readonly string[] | undefined;
  includeLeft?: boolean | undefined;
  /** Joined on or before this day (YYYY-MM-DD) and not left by then. */
  memberOn?: string | undefined;
}

/** One row of `eligible`: what a call-out needs to choose volunteers (no personal data). */
export interface EligibleRow {
  id: string;
  user_id: string | null;
  skills: string[];
  vetting: string;
  on_duty: boolean;
  location_consent_at: Date | null;
  location_withdrawn_at: Date | null;
  township: string | null;
}

export function createVolunteersRepo() {
  const members = (db: Kysely<DB>, tenantCode: string, f: MemberFilter) => {
    let q = db.selectFrom('volunteer_members as m').where('m.tenant_code', '=', tenantCode);
    if (f.teamIds) {
      const ids = f.teamIds.length ? [...f.teamIds] : [''];
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('volunteer_team_members as tm')
            .select('tm.member_id')
            .whereRef('tm.tenant_code', '=', 'm.tenant_code')
            .whereRef('tm.member_id', '=', 'm.id')
            .where('tm.team_id', 'in', ids)
            .where('tm.left_on', 'is', null),
        ),
      );
    }
    if (!f.includeLeft && !f.memberOn) q = q.where('m.left_on', 'is', null);
    if (f.memberOn) {
      const day = f.memberOn;
      q = q
        .where('m.joined_on', '<=', day)
        .where((eb) => eb.or([eb('m.left_on', 'is', null), eb('m.left_on', '>', day)]));
    }
    if (f.skill) q = q.where(sql<boolean>`m.skills @> ${JSON.stringify([f.skill])}::jsonb`);
    if (f.onDuty !== undefined) q = q.where('m.on_duty', '=', f.onDuty);
    if (f.vetting) q = q.where('m.vetting', '=', f.vetting);
    if (f.memberIds) q = q.where('m.id', 'in', f.memberIds.length ? [...f.memberIds] : ['']);
    if (f.indexes?.length) {
      const ix = [...f.indexes];
      q = q.where((eb) =>
        eb.or([
          eb('m.name_index', 'in', ix),
          eb('m.phone_index', 'in', ix),
          eb('m.id_number_index', 'in', ix),
        ]),
      );
    }
    return q;
  };

  return {
    // ── teams ──
    listTeams(db: Kysely<DB>, tenantCode: string, stationIds?: readonly string[]) {
      let q = db.selectFrom('volunteer_teams').selectAll().where('tenant_code', '=', tenantCode);
      if (stationIds) q = q.where('station_id', 'in', stationIds.length ? [...stationIds] : ['']);
      return q.orderBy('name').execute();
    },
    findTeam(db: Kysely<DB>, tenantCode: string, id: string) {
      return db
        .selectFrom('volunteer_teams')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    insertTeam(db: Kysely<DB>, row: Insertable<VolunteerTeamsTable>) {
      return db.insertInto('volunteer_teams').values(row).execute();
    },
    updateTeam(db: Kysely<DB>, tenantCode: string, id: string, patch: Updateable<VolunteerTeamsTable>) {
      return db
        .updateTable('volunteer_teams')
        .set(patch)
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .execute();
    },
    /** Current members and those on duty, per team. */
    async teamCounts(db: Kysely<DB>, tenantCode: string) {
      const rows = await db
        .selectFrom('volunteer_team_members as tm')
        .innerJoin('volunteer_members as m', (j) =>
          j.onRef('m.tenant_code', '=', 'tm.tenant_code').onRef('m.id', '=', 'tm.member_id'),
        )
        .select((eb) => [
          'tm.team_id',
          eb.fn.countAll<number>().as('n'),
          eb.fn.sum<number>(sql`case when m.on_duty then 1 else 0 end`).as('duty'),
        ])
        .where('tm.tenant_code', '=', tenantCode)
        .where('tm.left_on', 'is', null)
        .where('m.left_on', 'is', null)
        .groupBy('tm.team_id')
        .execute();
      return new Map(rows.map((r) => [r.team_id, { members: Number(r.n), onDuty: Number(r.duty ?? 0) }]));
    },

    // ── members ──
    async listMembers(db: Kysely<DB>, tenantCode: string, f: MemberFilter, limit: number, offset: number) {
      const [items, count] = await Promise.all([
        members(db, tenantCode, f)
          .selectAll('m')
          .orderBy('m.joined_on', 'desc')
          .orderBy('m.id')
          .limit(limit)
          .offset(offset)
          .execute(),
        members(db, tenantCode, f)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(count.n) };
    },
    allMembers(db: Kysely<DB>, tenantCode: string, f: MemberFilter) {
      return members(db, tenantCode, f).selectAll('m').execute();
    },
    eligible(db: Kysely<DB>, tenantCode: string, f: MemberFilter): Promise<EligibleRow[]> {
      return members(db, tenantCode, f)
        .select([
          'm.id',
          'm.user_id',
          'm.skills',
          'm.vetting',
          'm.on_duty',
          'm.location_consent_at',
          'm.location_withdrawn_at',
          'm.township',
        ])
        .orderBy('m.id')
        .execute();
    },
    findMember(db: Kysely<DB>, tenantCode: string, id: string) {
      return db
        .selectFrom('volunteer_members')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    findMemberByUser(db: Kysely<DB>, tenantCode: string, userId: string) {
      return db
        .selectFrom('volunteer_members')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('user_id', '=', userId)
        .executeTakeFirst();
    },
    /** Members whose phone or ID number matches one of these blind indexes (dedupe). */
    findByIndexes(db: Kysely<DB>, tenantCode: string, indexes: readonly string[]) {
      if (indexes.length === 0) return Promise.resolve([] as MemberRow[]);
      return db
        .selectFrom('volunteer_members')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where((eb) =>
          eb.or([eb('phone_index', 'in', [...indexes]), eb('id_number_index', 'in', [...indexes])]),
        )
        .execute();
    },
    insertMember(db: Kysely<DB>, row: Insertable<VolunteerMembersTable>) {
      return db.insertInto('volunteer_members').values(row).execute();
    },
    updateMember(db: Kysely<DB>, tenantCode: string, id: string, patch: Updateable<VolunteerMembersTable>) {
      return db
        .updateTable('volunteer_members')
        .set(patch)
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .execute();
    },
    teamsOf(db: Kysely<DB>, tenantCode: string, memberIds: readonly string[]) {
      if (memberIds.length === 0) return Promise.resolve([] as TeamMemberRow[]);
      return db
        .selectFrom('volunteer_team_members')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('member_id', 'in', [...memberIds])
        .orderBy('joined_on')
        .execute();
    },
    async addToTeam(db: Kysely<DB>, row: Insertable<VolunteerTeamMembersTable>) {
      await db
        .insertInto('volunteer_team_members')
        .values(row)
        .onConflict((oc) =>
          oc
            .columns(['tenant_code', 'team_id', 'member_id'])
            .doUpdateSet({ left_on: null, joined_on: row.joined_on }),
        )
        .execute();
    },
    leaveTeam(db: Kysely<DB>, tenantCode: string, memberId: string, teamId: string, day: string) {
      return db
        .updateTable('volunteer_team_members')
        .set({ left_on: day })
        .where('tenant_code', '=', tenantCode)
        .where('member_id', '=', memberId)
        .where('team_id', '=', teamId)
        .where('left_on', 'is', null)
        .execute();
    },

    // ── duty and positions ──
    openDuty(db: Kysely<DB>, tenantCode: string, memberId: string, at: Date) {
      return db
        .insertInto('volunteer_duty_periods')
        .values({ tenant_code: tenantCode, member_id: memberId, started_at: at, ended_at: null })
        .execute();
    },
    closeDuty(db: Kysely<DB>, tenantCode: string, memberId: string, at: Date) {
      return db
        .updateTable('volunteer_duty_periods')
        .set({ ended_at: at })
        .where('tenant_code', '=', tenantCode)
        .where('member_id', '=', memberId)
        .where('ended_at', 'is', null)
        .execute();
    },
    /** Duty periods overlapping [from, to) of these members (all members when undefined). */
    dutyPeriods(
      db: Kysely<DB>,
      tenantCode: string,
      memberIds: readonly string[] | undefined,
      from: Date | undefined,
      to: Date | undefined,
    ) {
      let q = db
        .selectFrom('volunteer_duty_periods')
        .select(['member_id', 'started_at', 'ended_at'])
        .where('tenant_code', '=', tenantCode);
      if (memberIds) q = q.where('member_id', 'in', memberIds.length ? [...memberIds] : ['']);
      if (to) q = q.where('started_at', '<', to);
      if (from) q = q.where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>', from)]));
      return q.orderBy('started_at', 'desc').execute();
    },
    async upsertPosition(
      db: Kysely<DB>,
      row: {
        tenant_code: string;
        member_id: string;
        lon: number;
        lat: number;
        accuracy_m: number | null;
        at: Date;
      },
    ) {
      await db
        .insertInto('volunteer_positions')
        .values(row)
        .onConflict((oc) =>
          oc
            .columns(['tenant_code', 'member_id'])
            .doUpdateSet({ lon: row.lon, lat: row.lat, accuracy_m: row.accuracy_m, at: row.at }),
        )
        .execute();
    },
    /** Like `upsertPosition`, but a stored position taken later is kept (a late batch does not move it back). */
    async upsertPositionIfNewer(
      db: Kysely<DB>,
      row: {
        tenant_code: string;
        member_id: string;
        lon: number;
        lat: number;
        accuracy_m: number | null;
        at: Date;
      },
    ) {
      await db
        .insertInto('volunteer_positions')
        .values(row)
        .onConflict((oc) =>
          oc
            .columns(['tenant_code', 'member_id'])
            .doUpdateSet({ lon: row.lon, lat: row.lat, accuracy_m: row.accuracy_m, at: row.at })
            .where('volunteer_positions.at', '<', row.at),
        )
        .execute();
    },
    deletePosition(db: Kysely<DB>, tenantCode: string, memberId: string) {
      return db
        .deleteFrom('volunteer_positions')
        .where('tenant_code', '=', tenantCode)
        .where('member_id', '=', memberId)
        .execute();
    },
    positions(db: Kysely<DB>, tenantCode: string, memberIds?: readonly string[]) {
      let q = db.selectFrom('volunteer_positions').selectAll().where('tenant_code', '=', tenantCode);
      if (memberIds) q = q.where('member_id', 'in', memberIds.length ? [...memberIds] : ['']);
      return q.execute();
    },

    // ── join requests ──
    insertJoinRequest(db: Kysely<DB>, row: Insertable<VolunteerJoinRequestsTable>) {
      return db.insertInto('volunteer_join_requests').values(row).execute();
    },
    findJoinRequest(db: Kysely<DB>, tenantCode: string, id: string) {
      return db
        .selectFrom('volunteer_join_requests')
        .selectAll()
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    listJoinRequests(
      db: Kysely<DB>,
      tenantCode: string,
      f: {
        teamIds?: readonly string[] | undefined;
        userId?: string | undefined;
        status?: string | undefined;
      },
    ) {
      let q = db.selectFrom('volunteer_join_requests').selectAll().where('tenant_code', '=', tenantCode);
      if (f.teamIds) q = q.where('team_id', 'in', f.teamIds.length ? [...f.teamIds] : ['']);
      if (f.userId) q = q.where('user_id', '=', f.userId);
      if (f.status) q = q.where('status', '=', f.status);
      return q.orderBy('created_at', 'desc').orderBy('id').limit(500).execute();
    },
    async decideJoinRequest(
      db: Kysely<DB>,
      tenantCode: string,
      id: string,
      patch: Updateable<VolunteerJoinRequestsTable>,
    ): Promise<number> {
      const r = await db
        .updateTable('volunteer_join_requests')
        .set(patch)
        .where('tenant_code', '=', tenantCode)
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },

    /**
     * Bulk load (the demo): each table in statements that unpack a JSON array (`jsonb_populate_recordset`),
     * far cheaper than thousands of bound parameters on the embedded database.
     */
    async bulk(trx: Kysely<DB>, table: keyof DB, rows: object[]) {
      for (let i = 0; i < rows.length; i += 5000) {
        const chunk = rows.slice(i, i + 5000);
        const list = sql.join(Object.keys(chunk[0]!).map((c) => sql.ref(c)));
        await sql`INSERT INTO ${sql.table(table)} (${list}) SELECT ${list} FROM jsonb_populate_recordset(NULL::${sql.table(table)}, ${JSON.stringify(chunk)}::jsonb)`.execute(
          trx,
        );
      }
    },
  };
}
export type VolunteersRepo = ReturnType<typeof createVolunteersRepo>;
