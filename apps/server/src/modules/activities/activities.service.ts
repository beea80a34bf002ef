import type {
  VolunteerActivity,
  VolunteerActivityCreateBody,
  VolunteerActivityDecisionBody,
  VolunteerActivityFigures,
  VolunteerActivityKind,
  VolunteerActivityList,
  VolunteerActivityListQuery,
  VolunteerActivityRole,
  VolunteerMyPoints,
  VolunteerRanking,
  VolunteerRankingQuery,
} from '@ronghui/contracts';
import { type ActivityKind, activityPoints, cappedPoints, median, rankEntries } from '@ronghui/dispatch';
import { chinaDate, haversine } from '@ronghui/geo';
import type { Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { canReach, requireRole } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { READ_ACCESS } from '../../platform/auth/read-access.ts';
import type { Role } from '../../platform/auth/roles.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import { conflict, forbidden, invalid, notFound } from '../../platform/http/errors.ts';
import type { FieldCrypto } from '../../platform/privacy/field-crypto.ts';
import type { OrgDirectory, OrgsService } from '../orgs/index.ts';
import type { ActivitiesRepo, ActivityRow } from './activities.repo.ts';
import { certificateHtml } from './certificate-html.ts';

/** Station and county staff read the records of their teams (a volunteer: their own team's). */
export const READ_ROLES: readonly Role[] = READ_ACCESS.volunteer;
/** Recording for a team, confirming and rejecting: the leading station's staff and the command room. */
export const WRITE_ROLES: readonly Role[] = ['officer', 'auxiliary', 'dispatcher', 'commander'];

const CHINA_MS = 8 * 3_600_000;
/** The instant a China-time month (YYYY-MM) or year (YYYY) begins, and the next one. */
export function periodRange(period: string): { from: Date; to: Date } {
  const y = Number(period.slice(0, 4));
  if (period.length === 4)
    return { from: new Date(Date.UTC(y, 0, 1) - CHINA_MS), to: new Date(Date.UTC(y + 1, 0, 1) - CHINA_MS) };
  const m = Number(period.slice(5, 7)) - 1;
  return { from: new Date(Date.UTC(y, m, 1) - CHINA_MS), to: new Date(Date.UTC(y, m + 1, 1) - CHINA_MS) };
}

const KIND_FIELD: Record<
  ActivityKind,
  'patrols' | 'mediations' | 'rescues' | 'arrestAssists' | 'eventSecurity'
> = {
  patrol: 'patrols',
  mediation: 'mediations',
  rescue: 'rescues',
  'arrest-assist': 'arrestAssists',
  'event-security': 'eventSecurity',
};
const emptyCounts = () => ({ patrols: 0, mediations: 0, rescues: 0, arrestAssists: 0, eventSecurity: 0 });
const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;

type Township = { name: string; lon: number; lat: number };
/** The township of a point: that of the nearest village (or township seat) of the county. */
async function townshipsOf(db: Kysely<DB>, tenantCode: string): Promise<Township[]> {
  const rows = await db
    .selectFrom('divisions')
    .select(['code', 'level', 'name', 'parent_code', 'lon', 'lat'])
    .where('tenant_code', '=', tenantCode)
    .execute();
  const names = new Map(rows.filter((r) => r.level === 'township').map((r) => [r.code, r.name]));
  return rows.map((r) => ({
    name: r.level === 'township' ? r.name : (names.get(r.parent_code ?? '') ?? ''),
    lon: r.lon,
    lat: r.lat,
  }));
}
function nearestTownship(list: readonly Township[], lon: number, lat: number): string | null {
  let best: Township | null = null;
  let bestD = Number.POSITIVE_INFINITY;
  for (const t of list) {
    const d = haversine([lon, lat], [t.lon, t.lat]);
    if (d < bestD) {
      bestD = d;
      best = t;
    }
  }
  return best && bestD < 30_000 && best.name ? best.name : null;
}

export interface PatrolActivityInput {
  runId: string;
  taskId: string;
  teamId: string;
  memberId: string;
  placeName: string;
  lon: number;
  lat: number;
  startedAt: Date | string;
  endedAt: Date | string;
  /** The run kept inside the patrol area (geofence-verified): the record is confirmed at once. */
  geofenceVerified?: boolean;
  /** Who judged the run complete (audited as the submitter); the patrols module by default. */
  actorId?: string;
}

/**
 * Records a completed volunteer patrol run, once per run (a second call with the same runId returns the
 * first record). A geofence-verified run is confirmed at once with its points (the position trail is the
 * evidence an officer would otherwise check); any other run waits as submitted for the team's station.
 * Runs inside the caller's transaction; the caller audits the run's completion.
 */
export async function recordPatrolActivity(
  trx: Kysely<DB>,
  input: PatrolActivityInput,
): Promise<{ activityId: string; status: 'submitted' | 'confirmed'; created: boolean }> {
  const team = await trx
    .selectFrom('volunteer_teams')
    .select(['tenant_code', 'id', 'station_id'])
    .where('id', '=', input.teamId)
    .executeTakeFirst();
  if (!team) throw invalid('/teamId', `no volunteer team "${input.teamId}"`);
  const tenantCode = team.tenant_code;
  const existing = await trx
    .selectFrom('volunteer_activities')
    .select(['id', 'status'])
    .where('tenant_code', '=', tenantCode)
    .where('patrol_run_id', '=', input.runId)
    .executeTakeFirst();
  if (existing)
    return { activityId: existing.id, status: existing.status as 'submitted' | 'confirmed', created: false };
  const serving = await trx
    .selectFrom('volunteer_team_members')
    .select('member_id')
    .where('tenant_code', '=', tenantCode)
    .where('team_id', '=', team.id)
    .where('member_id', '=', input.memberId)
    .where('left_on', 'is', null)
    .executeTakeFirst();
  if (!serving) throw invalid('/memberId', `is not a serving member of team "${input.teamId}"`);
  const startedAt = new Date(input.startedAt);
  const endedAt = new Date(input.endedAt);
  const minutes = Math.min(1440, Math.max(1, Math.round((endedAt.getTime() - startedAt.getTime()) / 60_000)));
  const confirmed = input.geofenceVerified === true;
  const actor = input.actorId ?? 'system:patrols';
  const id = randomUUID();
  const day = chinaDate(startedAt);
  const points = confirmed
    ? cappedPoints(
        activityPoints('patrol', minutes, 'lead'),
        await createEarned(trx, tenantCode, input.memberId, day),
      )
    : null;
  const inserted = await trx
    .insertInto('volunteer_activities')
    .values({
      tenant_code: tenantCode,
      id,
      kind: 'patrol',
      status: confirmed ? 'confirmed' : 'submitted',
      team_id: team.id,
      station_id: team.station_id,
      township: nearestTownship(await townshipsOf(trx, tenantCode), input.lon, input.lat),
      lon: input.lon,
      lat: input.lat,
      address: input.placeName,
      occurred_at: startedAt,
      duration_minutes: minutes,
      outcome: `巡逻任务 ${input.taskId} 完成`,
      patrol_run_id: input.runId,
      source: 'patrol',
      submitted_by: actor,
      submitted_at: endedAt,
      decided_by: confirmed ? actor : null,
      decided_at: confirmed ? endedAt : null,
    })
    .onConflict((oc) =>
      oc.columns(['tenant_code', 'patrol_run_id']).where('patrol_run_id', 'is not', null).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return recordPatrolActivity(trx, input);
  await trx
    .insertInto('volunteer_activity_people')
    .values({
      tenant_code: tenantCode,
      activity_id: id,
      member_id: input.memberId,
      role: 'lead',
      day,
      points,
    })
    .execute();
  return { activityId: id, status: confirmed ? 'confirmed' : 'submitted', created: true };
}

async function createEarned(db: Kysely<DB>, tenantCode: string, memberId: string, day: string) {
  const r = await db
    .selectFrom('volunteer_activity_people')
    .select((eb) => eb.fn.sum<string>('points').as('s'))
    .where('tenant_code', '=', tenantCode)
    .where('member_id', '=', memberId)
    .where('day', '=', day)
    .executeTakeFirst();
  return Number(r?.s ?? 0);
}

export interface ActivitiesDeps {
  db: Kysely<DB>;
  repo: ActivitiesRepo;
  orgs: OrgsService;
  audit: AuditService;
  crypto: FieldCrypto;
  clock: Clock;
  renderPdf: (html: string) => Promise<Buffer>;
}

type TeamRow = {
  id: string;
  name: string;
  station_id: string;
  township: string | null;
  leader_user_id: string | null;
};

export function createActivitiesService(deps: ActivitiesDeps) {
  const { db, repo, orgs, audit, crypto, clock } = deps;
  const townshipCache = new Map<string, Township[]>();
  const isStaff = (p: Principal) => p.roles.some((r) => READ_ROLES.includes(r));

  async function allTeams(tenantCode: string): Promise<TeamRow[]> {
    return db
      .selectFrom('volunteer_teams')
      .select(['id', 'name', 'station_id', 'township', 'leader_user_id'])
      .where('tenant_code', '=', tenantCode)
      .orderBy('name')
      .execute();
  }

  async function myMember(p: Principal) {
    return db
      .selectFrom('volunteer_members')
      .select(['id', 'name_masked', 'left_on'])
      .where('tenant_code', '=', p.tenantCode)
      .where('user_id', '=', p.userId)
      .executeTakeFirst();
  }

  async function currentTeamIds(tenantCode: string, memberId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('volunteer_team_members')
      .select('team_id')
      .where('tenant_code', '=', tenantCode)
      .where('member_id', '=', memberId)
      .where('left_on', 'is', null)
      .execute();
    return rows.map((r) => r.team_id);
  }

  /** Teams whose records the principal reads: staff those of stations in scope; a volunteer their own. */
  async function visibleTeams(p: Principal, dir: OrgDirectory): Promise<TeamRow[]> {
    const teams = await allTeams(p.tenantCode);
    if (isStaff(p)) return teams.filter((t) => canReach(p, dir.pathOf(t.station_id)));
    if (p.roles.includes('volunteer')) {
      const me = await myMember(p);
      if (!me || me.left_on) return [];
      const mine = new Set(await currentTeamIds(p.tenantCode, me.id));
      return teams.filter((t) => mine.has(t.id));
    }
    throw forbidden(
      `Reading volunteer activities needs one of the roles: ${READ_ROLES.join(', ')}, volunteer.`,
    );
  }

  const mayDecide = (p: Principal, dir: OrgDirectory, team: TeamRow) =>
    team.leader_user_id === p.userId ||
    (p.roles.some((r) => WRITE_ROLES.includes(r)) && canReach(p, dir.pathOf(team.station_id)));

  async function present(rows: ActivityRow[], teams: Map<string, TeamRow>, tenantCode: string) {
    const people = await repo.people(
      db,
      tenantCode,
      rows.map((r) => r.id),
    );
    return rows.map((r): VolunteerActivity => {
      const mine = people.filter((p) => p.activity_id === r.id);
      return {
        id: r.id,
        kind: r.kind as VolunteerActivityKind,
        status: r.status as VolunteerActivity['status'],
        teamId: r.team_id,
        teamName: teams.get(r.team_id)?.name ?? '',
        stationId: r.station_id,
        people: mine.map((p) => ({
          memberId: p.member_id,
          name: p.name_masked ?? '—',
          role: p.role as VolunteerActivityRole,
          points: p.points,
        })),
        lon: r.lon,
        lat: r.lat,
        address: r.address,
        township: r.township,
        occurredAt: new Date(r.occurred_at).toISOString(),
        durationMinutes: r.duration_minutes,
        outcome: r.outcome,
        incidentId: r.incident_id,
        disputeId: r.dispute_id,
        patrolRunId: r.patrol_run_id,
        calloutId: r.callout_id,
        source: r.source as VolunteerActivity['source'],
        submittedBy: r.submitted_by,
        submittedAt: new Date(r.submitted_at).toISOString(),
        decidedBy: r.decided_by,
        decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
        reason: r.reason,
        points: mine.reduce((s, p) => s + (p.points ?? 0), 0),
        demo: r.demo,
      };
    });
  }

  async function load(p: Principal, id: string) {
    const dir = await orgs.directory(p.tenantCode);
    const teams = await visibleTeams(p, dir);
    const row = await repo.find(db, p.tenantCode, id);
    const team = row && teams.find((t) => t.id === row.team_id);
    if (!row || !team) throw notFound('volunteer activity', id);
    return { row, team, dir, teams };
  }

  async function rankMembers(
    tenantCode: string,
    teamIds: readonly string[] | undefined,
    range: { from: Date; to: Date },
  ) {
    const rows = await repo.pointsByMember(db, tenantCode, { teamIds, ...range });
    const per = new Map<
      string,
      { points: number; activities: number; last: number; teams: Map<string, number> }
    >();
    for (const r of rows) {
      const e = per.get(r.member_id) ?? { points: 0, activities: 0, last: 0, teams: new Map() };
      e.points += Number(r.points ?? 0);
      e.activities += Number(r.activities);
      e.last = Math.max(e.last, new Date(r.last_at as Date).getTime());
      e.teams.set(r.team_id, (e.teams.get(r.team_id) ?? 0) + Number(r.points ?? 0));
      per.set(r.member_id, e);
    }
    return rankEntries(
      [...per].map(([key, e]) => ({
        key,
        points: e.points,
        activities: e.activities,
        lastAwardAt: e.last,
        team: [...e.teams].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null,
      })),
    );
  }

  return {
    async list(p: Principal, q: VolunteerActivityListQuery): Promise<VolunteerActivityList> {
      const dir = await orgs.directory(p.tenantCode);
      const teams = await visibleTeams(p, dir);
      if (q.teamId && !teams.some((t) => t.id === q.teamId)) throw notFound('volunteer team', q.teamId);
      let memberId = q.memberId;
      if (q.mine) {
        const me = await myMember(p);
        if (!me) return { items: [], total: 0 };
        memberId = me.id;
      }
      const range = q.month ? periodRange(q.month) : undefined;
      const { rows, total } = await repo.list(
        db,
        p.tenantCode,
        {
          teamIds: q.teamId ? [q.teamId] : teams.map((t) => t.id),
          memberId,
          kind: q.kind,
          status: q.status,
          from: range?.from,
          to: range?.to,
        },
        { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
      );
      return { items: await present(rows, new Map(teams.map((t) => [t.id, t])), p.tenantCode), total };
    },

    async get(p: Principal, id: string): Promise<VolunteerActivity> {
      const { row, teams } = await load(p, id);
      return (await present([row], new Map(teams.map((t) => [t.id, t])), p.tenantCode))[0]!;
    },

    async submit(p: Principal, body: VolunteerActivityCreateBody): Promise<VolunteerActivity> {
      const dir = await orgs.directory(p.tenantCode);
      const staff = p.roles.some((r) => WRITE_ROLES.includes(r));
      const volunteer = p.roles.includes('volunteer');
      if (!staff && !volunteer)
        throw forbidden(
          `Recording volunteer activities needs one of the roles: ${WRITE_ROLES.join(', ')}, volunteer.`,
        );
      const teams = await visibleTeams(p, dir);
      let people = body.people;
      let teamId = body.teamId;
      let source: 'console' | 'phone' = 'console';
      if (!staff) {
        source = 'phone';
        const me = await myMember(p);
        if (!me || me.left_on) throw forbidden('Only a serving volunteer records activities for their team.');
        if (!teamId) {
          if (teams.length !== 1) throw invalid('/teamId', 'you serve in several teams: name the team');
          teamId = teams[0]!.id;
        }
        people ??= [{ memberId: me.id, role: 'lead' }];
        if (!people.some((x) => x.memberId === me.id))
          throw invalid('/people', 'a volunteer records activities they took part in: include yourself');
      }
      if (!teamId) throw invalid('/teamId', 'is required');
      const team = teams.find((t) => t.id === teamId);
      if (!team) throw notFound('volunteer team', teamId);
      if (!people) throw invalid('/people', 'is required: who took part');
      const ids = people.map((x) => x.memberId);
      if (new Set(ids).size !== ids.length) throw invalid('/people', 'lists a member twice');
      const serving = new Set(
        (
          await db
            .selectFrom('volunteer_team_members')
            .select('member_id')
            .where('tenant_code', '=', p.tenantCode)
            .where('team_id', '=', teamId)
            .where('member_id', 'in', ids)
            .where('left_on', 'is', null)
            .execute()
        ).map((r) => r.member_id),
      );
      people.forEach((x, i) => {
        if (!serving.has(x.memberId))
          throw invalid(`/people/${i}/memberId`, `is not a serving member of team ${team.name}`);
      });
      const occurredAt = new Date(body.occurredAt);
      if (occurredAt.getTime() > clock.now().getTime() + 5 * 60_000)
        throw invalid('/occurredAt', 'lies in the future');
      if (!townshipCache.has(p.tenantCode))
        townshipCache.set(p.tenantCode, await townshipsOf(db, p.tenantCode));
      const township = nearestTownship(townshipCache.get(p.tenantCode)!, body.lon, body.lat);
      const id = randomUUID();
      const now = clock.now();
      const day = chinaDate(occurredAt);
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('volunteer_activities')
          .values({
            tenant_code: p.tenantCode,
            id,
            kind: body.kind,
            status: 'submitted',
            team_id: team.id,
            station_id: team.station_id,
            township,
            lon: body.lon,
            lat: body.lat,
            address: body.address,
            occurred_at: occurredAt,
            duration_minutes: body.durationMinutes,
            outcome: body.outcome,
            incident_id: body.incidentId ?? null,
            dispute_id: body.disputeId ?? null,
            patrol_run_id: body.patrolRunId ?? null,
            callout_id: body.calloutId ?? null,
            source,
            submitted_by: p.userId,
            submitted_at: now,
          })
          .execute();
        await trx
          .insertInto('volunteer_activity_people')
          .values(
            people!.map((x) => ({
              tenant_code: p.tenantCode,
              activity_id: id,
              member_id: x.memberId,
              role: x.role,
              day,
              points: null,
            })),
          )
          .execute();
        await audit.write(trx, p, {
          action: 'volunteer.activity.submit',
          resource: 'volunteer-activity',
          resourceId: id,
          detail: { kind: body.kind, teamId: team.id, people: people!.length, source },
        });
      });
      return this.get(p, id);
    },

    async decide(p: Principal, id: string, body: VolunteerActivityDecisionBody): Promise<VolunteerActivity> {
      requireRole(p, WRITE_ROLES, 'Confirming volunteer activities');
      const { row, team, dir } = await load(p, id);
      if (!mayDecide(p, dir, team))
        throw forbidden("Only the team's leading officer or its station's staff confirm or reject records.");
      if (row.status !== 'submitted') throw conflict(`the record is already ${row.status}`);
      const now = clock.now();
      let awarded = 0;
      await db.transaction().execute(async (trx) => {
        const changed = await trx
          .updateTable('volunteer_activities')
          .set({
            status: body.decision === 'confirm' ? 'confirmed' : 'rejected',
            decided_by: p.userId,
            decided_at: now,
            reason: body.reason ?? null,
          })
          .where('tenant_code', '=', p.tenantCode)
          .where('id', '=', id)
          .where('status', '=', 'submitted')
          .executeTakeFirst();
        if (Number(changed.numUpdatedRows) !== 1) throw conflict('the record was decided meanwhile');
        if (body.decision === 'confirm') {
          const people = await trx
            .selectFrom('volunteer_activity_people')
            .selectAll()
            .where('tenant_code', '=', p.tenantCode)
            .where('activity_id', '=', id)
            .orderBy('member_id')
            .execute();
          for (const person of people) {
            const earned = await repo.earnedOn(trx, p.tenantCode, person.member_id, person.day);
            const points = cappedPoints(
              activityPoints(
                row.kind as ActivityKind,
                row.duration_minutes,
                person.role as VolunteerActivityRole,
              ),
              earned,
            );
            awarded += points;
            await trx
              .updateTable('volunteer_activity_people')
              .set({ points })
              .where('tenant_code', '=', p.tenantCode)
              .where('activity_id', '=', id)
              .where('member_id', '=', person.member_id)
              .execute();
          }
        }
        await audit.write(trx, p, {
          action: body.decision === 'confirm' ? 'volunteer.activity.confirm' : 'volunteer.activity.reject',
          resource: 'volunteer-activity',
          resourceId: id,
          detail: { kind: row.kind, teamId: row.team_id, points: awarded, reason: body.reason ?? null },
        });
      });
      return this.get(p, id);
    },

    /** Members ranked by confirmed points in a month, within a team, a township or the caller's county. */
    async ranking(p: Principal, q: VolunteerRankingQuery): Promise<VolunteerRanking> {
      requireRole(p, READ_ROLES, 'Reading the volunteer ranking');
      const dir = await orgs.directory(p.tenantCode);
      let teams = await visibleTeams(p, dir);
      if (q.scope === 'team') {
        teams = teams.filter((t) => t.id === q.teamId);
        if (teams.length === 0) throw notFound('volunteer team', q.teamId!);
      } else if (q.scope === 'township') teams = teams.filter((t) => t.township === q.township);
      const ranked = await rankMembers(
        p.tenantCode,
        teams.map((t) => t.id),
        periodRange(q.month),
      );
      const top = ranked.slice(0, q.limit);
      const names = new Map(
        top.length
          ? (
              await db
                .selectFrom('volunteer_members')
                .select(['id', 'name_masked'])
                .where('tenant_code', '=', p.tenantCode)
                .where(
                  'id',
                  'in',
                  top.map((r) => r.entry.key),
                )
                .execute()
            ).map((m) => [m.id, m.name_masked])
          : [],
      );
      const byId = new Map(teams.map((t) => [t.id, t]));
      return {
        month: q.month,
        scope: q.scope,
        total: ranked.length,
        items: top.map(({ rank, entry }) => {
          const team = entry.team ? byId.get(entry.team) : undefined;
          return {
            rank,
            memberId: entry.key,
            name: names.get(entry.key) ?? '—',
            teamId: team?.id ?? null,
            teamName: team?.name ?? null,
            township: team?.township ?? null,
            points: entry.points,
            activities: entry.activities,
          };
        }),
      };
    },

    /** The phone's 我的积分: this month's points, rank in the team, the year's points, recent records. */
    async myPoints(p: Principal): Promise<VolunteerMyPoints> {
      requireRole(p, ['volunteer'], 'Reading your points');
      const me = await myMember(p);
      if (!me) throw notFound('volunteer', p.userId);
      const now = clock.now();
      const month = chinaDate(now).slice(0, 7);
      const teamIds = await currentTeamIds(p.tenantCode, me.id);
      const teamRanked = await rankMembers(p.tenantCode, teamIds, periodRange(month));
      const mine = teamRanked.find((r) => r.entry.key === me.id);
      const year = await repo.pointsByMember(db, p.tenantCode, {
        memberId: me.id,
        ...periodRange(month.slice(0, 4)),
      });
      const teamSize = teamIds.length
        ? Number(
            (
              await db
                .selectFrom('volunteer_team_members')
                .select((eb) => eb.fn.count<string>('member_id').distinct().as('n'))
                .where('tenant_code', '=', p.tenantCode)
                .where('team_id', 'in', teamIds)
                .where('left_on', 'is', null)
                .executeTakeFirst()
            )?.n ?? 0,
          )
        : 0;
      const recent = await this.list(p, { page: 1, pageSize: 10, mine: true });
      return {
        memberId: me.id,
        month,
        points: mine?.entry.points ?? 0,
        activities: mine?.entry.activities ?? 0,
        teamRank: mine?.rank ?? null,
        teamSize,
        yearPoints: year.reduce((s, r) => s + Number(r.points ?? 0), 0),
        recent: recent.items,
      };
    },

    /** 荣誉证书 as a PDF: names the member in full, so every read is audited as a personal-data read. */
    async certificatePdf(
      p: Principal,
      memberId: string,
      period: string,
    ): Promise<{ fileName: string; pdf: Buffer }> {
      requireRole(p, [...READ_ROLES, 'volunteer'], 'Printing volunteer certificates');
      const dir = await orgs.directory(p.tenantCode);
      const member = await db
        .selectFrom('volunteer_members')
        .select(['id', 'name', 'user_id'])
        .where('tenant_code', '=', p.tenantCode)
        .where('id', '=', memberId)
        .executeTakeFirst();
      if (!member) throw notFound('volunteer', memberId);
      const memberTeams = await currentTeamIds(p.tenantCode, memberId);
      const teams = (await allTeams(p.tenantCode)).filter((t) => memberTeams.includes(t.id));
      const own = p.roles.includes('volunteer') && member.user_id === p.userId;
      if (!own) {
        requireRole(p, READ_ROLES, 'Printing volunteer certificates');
        if (!teams.some((t) => canReach(p, dir.pathOf(t.station_id)))) throw notFound('volunteer', memberId);
      }
      const rows = await repo.pointsByMember(db, p.tenantCode, { memberId, ...periodRange(period) });
      const counts: Record<string, number> = {};
      let points = 0;
      let minutes = 0;
      const perTeam = new Map<string, number>();
      for (const r of rows) {
        counts[r.kind] = (counts[r.kind] ?? 0) + Number(r.activities);
        points += Number(r.points ?? 0);
        minutes += Number(r.minutes ?? 0);
        perTeam.set(r.team_id, (perTeam.get(r.team_id) ?? 0) + Number(r.points ?? 0));
      }
      const teamId = [...perTeam].sort((a, b) => b[1] - a[1])[0]?.[0] ?? teams[0]?.id;
      const team = (await allTeams(p.tenantCode)).find((t) => t.id === teamId);
      const name = crypto.decrypt(member.name) ?? '';
      const number = `RH-${period.replace('-', '')}-${memberId.slice(0, 8).toUpperCase()}`;
      const pdf = await deps.renderPdf(
        certificateHtml({
          name,
          teamName: team?.name ?? '',
          stationName: (team && dir.get(team.station_id)?.name) ?? '',
          period,
          points,
          counts,
          hours: hours(minutes),
          issuedOn: chinaDate(clock.now()),
          number,
        }),
      );
      await audit.record(p, {
        action: 'volunteer.certificate.read',
        resource: 'volunteer',
        resourceId: memberId,
        detail: { period, format: 'pdf', fields: ['name'], points },
      });
      return { fileName: `${number}.pdf`, pdf };
    },

    /**
     * The activity figures of `GET /api/volunteers/stats`: confirmed records of these teams (all the
     * tenant's when `teamIds` is undefined) within [from, to), and call-out answers of their stations.
     */
    async figures(
      tenantCode: string,
      scope: { teamIds: readonly string[] | undefined; from: Date | undefined; to: Date },
    ): Promise<VolunteerActivityFigures> {
      const teams = await allTeams(tenantCode);
      const inScope = scope.teamIds ? teams.filter((t) => scope.teamIds!.includes(t.id)) : teams;
      const rows = await repo.figures(db, tenantCode, {
        teamIds: scope.teamIds,
        ...(scope.from ? { from: scope.from } : {}),
        to: scope.to,
      });
      const total = emptyCounts();
      const byKind: Record<string, number> = Object.fromEntries(Object.keys(KIND_FIELD).map((k) => [k, 0]));
      let minutes = 0;
      const perTeam = new Map<string, ReturnType<typeof emptyCounts> & { minutes: number; points: number }>();
      for (const r of rows) {
        const field = KIND_FIELD[r.kind as ActivityKind];
        if (!field) continue;
        const n = Number(r.n);
        total[field] += n;
        byKind[r.kind] = (byKind[r.kind] ?? 0) + n;
        minutes += Number(r.person_minutes ?? 0);
        const e = perTeam.get(r.team_id) ?? { ...emptyCounts(), minutes: 0, points: 0 };
        e[field] += n;
        e.minutes += Number(r.person_minutes ?? 0);
        e.points += Number(r.points ?? 0);
        perTeam.set(r.team_id, e);
      }
      const activitiesByTeam = inScope.map((t) => {
        const e = perTeam.get(t.id) ?? { ...emptyCounts(), minutes: 0, points: 0 };
        const { minutes: m, ...rest } = e;
        return { teamId: t.id, name: t.name, township: t.township, ...rest, hours: hours(m) };
      });
      const perTownship = new Map<
        string,
        ReturnType<typeof emptyCounts> & { minutes: number; points: number }
      >();
      for (const t of inScope) {
        const e = perTeam.get(t.id);
        if (!e || !t.township) continue;
        const acc = perTownship.get(t.township) ?? { ...emptyCounts(), minutes: 0, points: 0 };
        for (const k of Object.keys(acc) as (keyof typeof acc)[]) acc[k] += e[k];
        perTownship.set(t.township, acc);
      }
      const activitiesByTownship = [...perTownship]
        .sort((a, b) => a[0].localeCompare(b[0], 'zh-CN'))
        .map(([township, { minutes: m, ...rest }]) => ({ township, ...rest, hours: hours(m) }));
      // Call-outs of the stations leading these teams (all the tenant's for the county).
      let cq = db
        .selectFrom('callouts')
        .select(['id', 'created_at', 'needed', 'status'])
        .where('tenant_code', '=', tenantCode)
        .where('created_at', '<', scope.to);
      if (scope.from) cq = cq.where('created_at', '>=', scope.from);
      if (scope.teamIds) {
        const stations = [...new Set(inScope.map((t) => t.station_id))];
        cq = cq.where('station_id', 'in', stations.length ? stations : ['']);
      }
      const callouts = await cq.execute();
      let alerted = 0;
      let accepted = 0;
      const toFilled: number[] = [];
      if (callouts.length) {
        const recipients = await db
          .selectFrom('callout_recipients')
          .select(['callout_id', 'state', 'answered_at'])
          .where('tenant_code', '=', tenantCode)
          .where(
            'callout_id',
            'in',
            callouts.map((c) => c.id),
          )
          .execute();
        const byCallout = new Map<string, typeof recipients>();
        for (const r of recipients) {
          alerted++;
          if (r.state === 'accepted') accepted++;
          byCallout.set(r.callout_id, [...(byCallout.get(r.callout_id) ?? []), r]);
        }
        for (const c of callouts) {
          const times = (byCallout.get(c.id) ?? [])
            .filter((r) => r.state === 'accepted' && r.answered_at)
            .map((r) => new Date(r.answered_at!).getTime())
            .sort((a, b) => a - b);
          if (times.length >= c.needed && c.needed > 0)
            toFilled.push(Math.round((times[c.needed - 1]! - new Date(c.created_at).getTime()) / 1000));
        }
      }
      return {
        ...total,
        activityHours: hours(minutes),
        activitiesByKind: byKind,
        calloutResponseRate: alerted ? Math.round((accepted / alerted) * 1000) / 1000 : null,
        medianSecondsToFilled: median(toFilled),
        activitiesByTeam,
        activitiesByTownship,
      };
    },

    /** {@link recordPatrolActivity}, audited in the caller's transaction. */
    async recordPatrolActivity(trx: Kysely<DB>, actor: Principal, input: PatrolActivityInput) {
      const result = await recordPatrolActivity(trx, { ...input, actorId: input.actorId ?? actor.userId });
      if (result.created)
        await audit.write(trx, actor, {
          action: 'volunteer.activity.patrol',
          resource: 'volunteer-activity',
          resourceId: result.activityId,
          detail: { runId: input.runId, taskId: input.taskId, teamId: input.teamId, status: result.status },
        });
      return result;
    },
  };
}
export type ActivitiesService = ReturnType<typeof createActivitiesService>;
