import { randomUUID } from 'node:crypto';
import type {
  MyPatrolTaskList,
  PatrolCancelBody,
  PatrolCheckInBody,
  PatrolCheckOutBody,
  PatrolFeatureOptions,
  PatrolJudgement,
  PatrolLive,
  PatrolPointsBody,
  PatrolPointsResult,
  PatrolRule,
  PatrolRun,
  PatrolRunDetail,
  PatrolTask,
  PatrolTaskCreateBody,
  PatrolTaskDetail,
  PatrolTaskList,
  PatrolTaskQuery,
  PatrolTaskStatus,
} from '@ronghui/contracts';
import { patrolTaskCreateBody } from '@ronghui/contracts';
import {
  DEFAULT_PATROL_RULE,
  judgePatrol,
  type PatrolRule as JudgeRule,
  patrolTargetOf,
  patrolTargetPlace,
} from '@ronghui/dispatch';
import { chinaDate, chinaDayStart } from '@ronghui/geo';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Logger } from 'pino';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { canReach, requireRole } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { READ_ACCESS } from '../../platform/auth/read-access.ts';
import type { Role } from '../../platform/auth/roles.ts';
import type { EventBus } from '../../platform/bus/bus.ts';
import { enqueue } from '../../platform/bus/outbox.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB, PatrolRunsTable, PatrolTasksTable } from '../../platform/db/schema.ts';
import { conflict, forbidden, invalid, notFound } from '../../platform/http/errors.ts';
import type { createCoverageRepo } from '../dispatch/index.ts';
import type { OrgDirectory, OrgsService } from '../orgs/index.ts';
import type { VolunteersRepo } from '../volunteers/index.ts';

type TaskRow = Selectable<PatrolTasksTable>;
type RunRow = Selectable<PatrolRunsTable>;

/** Station and county staff read their teams' patrols; a volunteer reads their team's tasks and own runs. */
const STAFF: readonly Role[] = READ_ACCESS.volunteer;
/** Setting and cancelling tasks: the team's leading station and the command room. */
export const PATROL_WRITE: readonly Role[] = ['officer', 'auxiliary', 'dispatcher', 'commander'];
const VOLUNTEER: readonly Role[] = ['volunteer'];
/** A volunteer may check in this long before the window opens. */
const EARLY_MS = 15 * 60_000;
/** Fixes further in the future than this (phone clock ahead) are refused. */
const FUTURE_SLACK_MS = 2 * 60_000;
/** The most track points the command map gets per run. */
const LIVE_TRACK_MAX = 2_000;

export const DEFAULT_RULE: PatrolRule = {
  radiusM: DEFAULT_PATROL_RULE.radiusM,
  minDwellMinutes: DEFAULT_PATROL_RULE.minDwellS / 60,
  lineShare: DEFAULT_PATROL_RULE.lineShare,
  lineToleranceM: DEFAULT_PATROL_RULE.lineToleranceM,
  minInsideMinutes: DEFAULT_PATROL_RULE.minInsideS / 60,
};

const judgeRule = (r: PatrolRule): JudgeRule => ({
  ...DEFAULT_PATROL_RULE,
  radiusM: r.radiusM,
  minDwellS: r.minDwellMinutes * 60,
  lineShare: r.lineShare,
  lineToleranceM: r.lineToleranceM,
  minInsideS: r.minInsideMinutes * 60,
});

/** What the activity ledger hears of a completed run. */
export interface CompletedPatrolRun {
  runId: string;
  taskId: string;
  teamId: string;
  memberId: string;
  featureName: string;
  lon: number;
  lat: number;
  startedAt: Date;
  endedAt: Date;
}

export interface PatrolsDeps {
  db: Kysely<DB>;
  /** The volunteers module's repository: the latest position is its table. */
  volunteersRepo: Pick<VolunteersRepo, 'upsertPositionIfNewer'>;
  /** The dispatch module's patrol plan features (守点、巡线、控面). */
  plans: Pick<ReturnType<typeof createCoverageRepo>, 'plans' | 'plan'>;
  orgs: OrgsService;
  audit: AuditService;
  bus: EventBus;
  clock: Clock;
  log: Logger;
  /** Called inside the transaction when a run is judged completed. */
  onRunCompleted?: (trx: Kysely<DB>, run: CompletedPatrolRun) => Promise<void>;
}

const iso = (d: Date | string) => new Date(d).toISOString();
const hasConsent = (m: { location_consent_at: Date | null; location_withdrawn_at: Date | null }) =>
  m.location_consent_at !== null &&
  (m.location_withdrawn_at === null || new Date(m.location_withdrawn_at) < new Date(m.location_consent_at));

export function createPatrolsService(deps: PatrolsDeps) {
  const { db, orgs, audit, bus, clock, log, volunteersRepo, plans } = deps;
  const isStaff = (p: Principal) => p.roles.some((r) => STAFF.includes(r));
  const requireReader = (p: Principal) => requireRole(p, [...STAFF, ...VOLUNTEER], 'Reading patrols');

  // ── Loading with scope ──────────────────────────────────────────────────────────────────────────
  async function myMember(trx: Kysely<DB>, principal: Principal) {
    const m = await trx
      .selectFrom('volunteer_members')
      .select(['id', 'on_duty', 'location_consent_at', 'location_withdrawn_at', 'left_on'])
      .where('tenant_code', '=', principal.tenantCode)
      .where('user_id', '=', principal.userId)
      .executeTakeFirst();
    if (!m || m.left_on) throw notFound('volunteer record of user', principal.userId);
    return m;
  }

  async function myTeamIds(principal: Principal, memberId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('volunteer_team_members')
      .select('team_id')
      .where('tenant_code', '=', principal.tenantCode)
      .where('member_id', '=', memberId)
      .where('left_on', 'is', null)
      .execute();
    return rows.map((r) => r.team_id);
  }

  /** The stations whose teams the staff member sees (undefined: all). */
  function stationScope(principal: Principal, dir: OrgDirectory): string[] | undefined {
    return principal.scopeKind === 'tenant' ? undefined : dir.subtreeIds(principal.orgId);
  }

  async function loadTask(principal: Principal, id: string, executor: Kysely<DB> = db): Promise<TaskRow> {
    requireReader(principal);
    const task = await executor
      .selectFrom('patrol_tasks')
      .selectAll()
      .where('tenant_code', '=', principal.tenantCode)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!task) throw notFound('patrol task', id);
    if (isStaff(principal)) {
      const dir = await orgs.directory(principal.tenantCode);
      if (!canReach(principal, dir.pathOf(task.station_id))) throw notFound('patrol task', id);
      return task;
    }
    const me = await myMember(executor, principal);
    if (!(await myTeamIds(principal, me.id)).includes(task.team_id)) throw notFound('patrol task', id);
    return task;
  }

  /** A run the principal may see: staff in scope; a volunteer only their own. */
  async function loadRun(principal: Principal, id: string, executor: Kysely<DB> = db): Promise<RunRow> {
    requireReader(principal);
    const run = await executor
      .selectFrom('patrol_runs')
      .selectAll()
      .where('tenant_code', '=', principal.tenantCode)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!run) throw notFound('patrol run', id);
    if (isStaff(principal)) {
      const dir = await orgs.directory(principal.tenantCode);
      if (!canReach(principal, dir.pathOf(run.station_id))) throw notFound('patrol run', id);
      return run;
    }
    if (run.user_id !== principal.userId) throw notFound('patrol run', id);
    return run;
  }

  // ── Presenting ──────────────────────────────────────────────────────────────────────────────────
  async function teamNames(tenantCode: string, ids: string[]) {
    if (!ids.length) return new Map<string, string>();
    const rows = await db
      .selectFrom('volunteer_teams')
      .select(['id', 'name'])
      .where('tenant_code', '=', tenantCode)
      .where('id', 'in', [...new Set(ids)])
      .execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async function runCounts(tenantCode: string, taskIds: string[]) {
    if (!taskIds.length) return new Map<string, number>();
    const rows = await db
      .selectFrom('patrol_runs')
      .select(['task_id', db.fn.countAll<number>().as('n')])
      .where('tenant_code', '=', tenantCode)
      .where('task_id', 'in', taskIds)
      .groupBy('task_id')
      .execute();
    return new Map(rows.map((r) => [r.task_id, Number(r.n)]));
  }

  async function presentTasks(tenantCode: string, rows: TaskRow[]): Promise<PatrolTask[]> {
    const names = await teamNames(
      tenantCode,
      rows.map((r) => r.team_id),
    );
    const counts = await runCounts(
      tenantCode,
      rows.map((r) => r.id),
    );
    return rows.map((t) => {
      const geometry = t.geometry as PatrolTask['geometry'];
      const [lon, lat] = patrolTargetPlace(patrolTargetOf(t.feature_kind, geometry));
      return {
        id: t.id,
        teamId: t.team_id,
        teamName: names.get(t.team_id) ?? null,
        stationId: t.station_id,
        featureId: t.feature_id,
        featureKind: t.feature_kind,
        featureName: t.feature_name,
        geometry,
        place: { lon, lat },
        startsAt: iso(t.starts_at),
        endsAt: iso(t.ends_at),
        memberIds: t.member_ids,
        status: t.status as PatrolTaskStatus,
        rule: { ...DEFAULT_RULE, ...t.rule } as PatrolRule,
        note: t.note,
        runs: counts.get(t.id) ?? 0,
        completedRunId: t.completed_run_id,
        createdBy: t.created_by,
        createdAt: iso(t.created_at),
        cancelledAt: t.cancelled_at ? iso(t.cancelled_at) : null,
        cancelReason: t.cancel_reason,
        demo: t.demo,
      };
    });
  }

  async function presentRuns(tenantCode: string, rows: RunRow[]): Promise<PatrolRun[]> {
    const ids = [...new Set(rows.map((r) => r.member_id))];
    const names = ids.length
      ? new Map(
          (
            await db
              .selectFrom('volunteer_members')
              .select(['id', 'name_masked'])
              .where('tenant_code', '=', tenantCode)
              .where('id', 'in', ids)
              .execute()
          ).map((m) => [m.id, m.name_masked]),
        )
      : new Map<string, string>();
    return rows.map((r) => ({
      id: r.id,
      taskId: r.task_id,
      teamId: r.team_id,
      memberId: r.member_id,
      memberName: names.get(r.member_id) ?? '',
      status: r.status as PatrolRun['status'],
      startedAt: iso(r.started_at),
      endedAt: r.ended_at ? iso(r.ended_at) : null,
      points: r.points,
      lastPosition:
        r.last_lon !== null && r.last_lat !== null && r.last_at
          ? { lon: r.last_lon, lat: r.last_lat, at: iso(r.last_at) }
          : null,
      judgement: (r.judgement as PatrolJudgement | null) ?? null,
    }));
  }

  async function track(tenantCode: string, runId: string, limit?: number) {
    let q = db
      .selectFrom('patrol_points')
      .select(['lon', 'lat', 'accuracy_m', 'at'])
      .where('tenant_code', '=', tenantCode)
      .where('run_id', '=', runId)
      .orderBy('at', limit ? 'desc' : 'asc');
    if (limit) q = q.limit(limit);
    const rows = await q.execute();
    return limit ? rows.reverse() : rows;
  }

  // ── Status ──────────────────────────────────────────────────────────────────────────────────────
  async function announce(
    trx: Kysely<DB>,
    task: Pick<TaskRow, 'tenant_code' | 'id' | 'team_id' | 'station_id'>,
    status: string,
    change: 'created' | 'cancelled' | 'missed' | 'checked-in' | 'track' | 'checked-out',
    runId: string | null,
    at: { lon: number; lat: number } | null = null,
  ) {
    const dir = await orgs.directory(task.tenant_code);
    await enqueue(
      trx,
      task.tenant_code,
      'patrol.task.changed',
      {
        taskId: task.id,
        runId,
        teamId: task.team_id,
        stationId: task.station_id,
        status,
        change,
        lon: at?.lon ?? null,
        lat: at?.lat ?? null,
      },
      dir.pathOf(task.station_id),
    );
  }

  /** The task's status from its runs and window (a cancelled or completed task stays so). */
  async function settleTask(trx: Kysely<DB>, task: TaskRow, now: Date): Promise<string> {
    if (task.status === 'cancelled' || task.status === 'completed') return task.status;
    const active = await trx
      .selectFrom('patrol_runs')
      .select('id')
      .where('tenant_code', '=', task.tenant_code)
      .where('task_id', '=', task.id)
      .where('status', '=', 'active')
      .executeTakeFirst();
    const status = active
      ? 'active'
      : new Date(task.ends_at).getTime() <= now.getTime()
        ? 'missed'
        : 'planned';
    if (status !== task.status)
      await trx
        .updateTable('patrol_tasks')
        .set({ status, updated_at: now })
        .where('tenant_code', '=', task.tenant_code)
        .where('id', '=', task.id)
        .execute();
    return status;
  }

  /** Closes and judges a run at `endedAt`; completes the task when the run did it. */
  async function closeRun(trx: Kysely<DB>, run: RunRow, endedAt: Date, now: Date, actor: Principal | null) {
    const task = await trx
      .selectFrom('patrol_tasks')
      .selectAll()
      .where('tenant_code', '=', run.tenant_code)
      .where('id', '=', run.task_id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const points = await trx
      .selectFrom('patrol_points')
      .select(['lon', 'lat', 'accuracy_m', 'at'])
      .where('tenant_code', '=', run.tenant_code)
      .where('run_id', '=', run.id)
      .execute();
    const rule = { ...DEFAULT_RULE, ...task.rule } as PatrolRule;
    const target = patrolTargetOf(task.feature_kind, task.geometry as { type: string; coordinates: unknown });
    const start = Math.max(new Date(task.starts_at).getTime(), new Date(run.started_at).getTime());
    const end = Math.min(new Date(task.ends_at).getTime(), endedAt.getTime());
    const judgement = judgePatrol(
      target,
      points.map((p) => ({ lon: p.lon, lat: p.lat, at: new Date(p.at).getTime(), accuracyM: p.accuracy_m })),
      { start, end },
      judgeRule(rule),
    );
    const status = judgement.completed ? 'completed' : 'incomplete';
    const res = await trx
      .updateTable('patrol_runs')
      .set({ status, ended_at: endedAt, judgement: JSON.stringify(judgement) })
      .where('tenant_code', '=', run.tenant_code)
      .where('id', '=', run.id)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) return null;
    let taskStatus: string;
    if (judgement.completed && task.status !== 'cancelled' && !task.completed_run_id) {
      await trx
        .updateTable('patrol_tasks')
        .set({ status: 'completed', completed_run_id: run.id, updated_at: now })
        .where('tenant_code', '=', task.tenant_code)
        .where('id', '=', task.id)
        .execute();
      taskStatus = 'completed';
    } else taskStatus = await settleTask(trx, task, now);
    const audited = {
      action: 'patrol.run.check-out',
      resource: 'patrol-run',
      resourceId: run.id,
      detail: { taskId: task.id, status, by: actor ? 'volunteer' : 'window-end', ...judgement },
    };
    if (actor) await audit.write(trx, actor, audited);
    else
      await audit.write(
        trx,
        { userId: 'system', username: 'patrol-timer', tenantCode: run.tenant_code },
        audited,
      );
    if (judgement.completed && deps.onRunCompleted) {
      const [lon, lat] = patrolTargetPlace(target);
      await deps.onRunCompleted(trx, {
        runId: run.id,
        taskId: task.id,
        teamId: task.team_id,
        memberId: run.member_id,
        featureName: task.feature_name,
        lon,
        lat,
        startedAt: new Date(run.started_at),
        endedAt,
      });
    }
    await announce(trx, task, taskStatus, 'checked-out', run.id);
    return { status, judgement };
  }

  /**
   * Judges the runs still open when their task's window ended, and flags tasks whose window ended without
   * a completed run as missed. Answers how many changed.
   */
  async function sweep(tenantCode: string): Promise<number> {
    const now = clock.now();
    let count = 0;
    const overdue = await db
      .selectFrom('patrol_runs as r')
      .innerJoin('patrol_tasks as t', (j) =>
        j.onRef('t.tenant_code', '=', 'r.tenant_code').onRef('t.id', '=', 'r.task_id'),
      )
      .selectAll('r')
      .select('t.ends_at as task_ends_at')
      .where('r.tenant_code', '=', tenantCode)
      .where('r.status', '=', 'active')
      .where('t.ends_at', '<=', now)
      .execute();
    for (const { task_ends_at, ...run } of overdue) {
      await db.transaction().execute(async (trx) => {
        if (await closeRun(trx, run, new Date(task_ends_at), now, null)) count++;
      });
    }
    const ended = await db
      .selectFrom('patrol_tasks')
      .selectAll()
      .where('tenant_code', '=', tenantCode)
      .where('status', 'in', ['planned', 'active'])
      .where('ends_at', '<=', now)
      .execute();
    for (const task of ended) {
      await db.transaction().execute(async (trx) => {
        const status = await settleTask(trx, task, now);
        if (status !== 'missed') return;
        await audit.write(
          trx,
          { userId: 'system', username: 'patrol-timer', tenantCode },
          {
            action: 'patrol.task.missed',
            resource: 'patrol-task',
            resourceId: task.id,
            detail: { teamId: task.team_id, endsAt: iso(task.ends_at) },
          },
        );
        await announce(trx, task, 'missed', 'missed', null);
        count++;
      });
    }
    if (count) bus.kick();
    return count;
  }

  /** The sweep before a read, so that a read never shows a window-ended task as still planned. */
  async function settle(tenantCode: string) {
    try {
      await sweep(tenantCode);
    } catch (error) {
      log.warn({ err: error }, 'patrol sweep before a read failed');
    }
  }

  return {
    sweep,

    /** Sweeps every `everyMs` for the given tenants until stopped. */
    watch(tenants: () => Promise<string[]>, everyMs = 30_000) {
      let busy = false;
      const timer = setInterval(() => {
        if (busy) return;
        busy = true;
        tenants()
          .then(async (list) => {
            for (const t of list) await sweep(t);
          })
          .catch((error: unknown) => log.warn({ err: error }, 'patrol sweep failed'))
          .finally(() => {
            busy = false;
          });
      }, everyMs);
      timer.unref();
      return () => clearInterval(timer);
    },

    // ── Tasks ─────────────────────────────────────────────────────────────────────────────────────
    async features(principal: Principal): Promise<PatrolFeatureOptions> {
      requireRole(principal, STAFF, 'Choosing patrol plan features');
      const dir = await orgs.directory(principal.tenantCode);
      const scope = stationScope(principal, dir);
      const rows = (await plans.plans(db, principal.tenantCode))
        .filter((r) => !scope || scope.includes(r.station_id))
        .sort((x, y) => x.name.localeCompare(y.name, 'zh-CN'));
      return {
        items: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          name: r.name,
          stationId: r.station_id,
          geometry: r.geometry as PatrolTask['geometry'],
        })),
        total: rows.length,
      };
    },

    async listTasks(principal: Principal, q: PatrolTaskQuery): Promise<PatrolTaskList> {
      requireReader(principal);
      await settle(principal.tenantCode);
      let query = db.selectFrom('patrol_tasks').selectAll().where('tenant_code', '=', principal.tenantCode);
      if (isStaff(principal)) {
        const scope = stationScope(principal, await orgs.directory(principal.tenantCode));
        if (scope) query = query.where('station_id', 'in', scope.length ? scope : ['-']);
      } else {
        const me = await myMember(db, principal);
        const teams = await myTeamIds(principal, me.id);
        query = query.where('team_id', 'in', teams.length ? teams : ['-']);
      }
      if (q.teamId) query = query.where('team_id', '=', q.teamId);
      if (q.status) query = query.where('status', '=', q.status);
      if (q.date) {
        const from = chinaDayStart(q.date);
        const to = new Date(from.getTime() + 86_400_000);
        query = query.where('starts_at', '<', to).where('ends_at', '>', from);
      }
      const total = Number(
        (await query.clearSelect().select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
      );
      const rows = await query
        .orderBy('starts_at', 'desc')
        .orderBy('id')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute();
      return { items: await presentTasks(principal.tenantCode, rows), total };
    },

    async getTask(principal: Principal, id: string): Promise<PatrolTaskDetail> {
      await settle(principal.tenantCode);
      const task = await loadTask(principal, id);
      let runs = db
        .selectFrom('patrol_runs')
        .selectAll()
        .where('tenant_code', '=', principal.tenantCode)
        .where('task_id', '=', id);
      if (!isStaff(principal)) runs = runs.where('user_id', '=', principal.userId);
      const runRows = await runs.orderBy('started_at', 'desc').execute();
      // The runs name their members (masked): the read is on the trail.
      if (runRows.length)
        await audit.record(principal, {
          action: 'patrol.task.read',
          resource: 'patrol-task',
          resourceId: id,
          detail: { runs: runRows.length, masked: true },
        });
      const [presented] = await presentTasks(principal.tenantCode, [task]);
      return { ...presented!, runList: await presentRuns(principal.tenantCode, runRows) };
    },

    async createTask(principal: Principal, input: PatrolTaskCreateBody): Promise<PatrolTask> {
      requireRole(principal, PATROL_WRITE, 'Setting patrol tasks');
      const body = patrolTaskCreateBody.parse(input);
      const dir = await orgs.directory(principal.tenantCode);
      const team = await db
        .selectFrom('volunteer_teams')
        .selectAll()
        .where('tenant_code', '=', principal.tenantCode)
        .where('id', '=', body.teamId)
        .executeTakeFirst();
      if (!team || !canReach(principal, dir.pathOf(team.station_id)))
        throw notFound('volunteer team', body.teamId);
      if (!team.active) throw invalid('/teamId', 'the team is inactive');
      const feature = await plans.plan(db, principal.tenantCode, body.featureId);
      if (!feature || !canReach(principal, dir.pathOf(feature.station_id)))
        throw invalid('/featureId', `no patrol plan feature "${body.featureId}" in your scope`);
      const startsAt = new Date(body.startsAt);
      const endsAt = new Date(body.endsAt);
      if (endsAt <= startsAt) throw invalid('/endsAt', 'must be after startsAt');
      if (endsAt.getTime() - startsAt.getTime() > 24 * 3_600_000)
        throw invalid('/endsAt', 'a window is at most 24 hours');
      const now = clock.now();
      if (endsAt <= now) throw invalid('/endsAt', 'must lie in the future');
      if (body.memberIds.length) {
        const members = await db
          .selectFrom('volunteer_team_members')
          .select('member_id')
          .where('tenant_code', '=', principal.tenantCode)
          .where('team_id', '=', team.id)
          .where('left_on', 'is', null)
          .where('member_id', 'in', body.memberIds)
          .execute();
        const known = new Set(members.map((m) => m.member_id));
        const i = body.memberIds.findIndex((m) => !known.has(m));
        if (i >= 0) throw invalid(`/memberIds/${i}`, 'not a member of the team');
      }
      const geometry = feature.geometry as { type: string; coordinates: unknown };
      try {
        patrolTargetOf(feature.kind, geometry);
      } catch (error) {
        throw invalid('/featureId', (error as Error).message);
      }
      const rule = { ...DEFAULT_RULE, ...body.rule };
      const id = randomUUID();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('patrol_tasks')
          .values({
            tenant_code: principal.tenantCode,
            id,
            team_id: team.id,
            station_id: team.station_id,
            feature_id: feature.id,
            feature_kind: feature.kind,
            feature_name: feature.name,
            geometry: JSON.stringify(geometry),
            member_ids: JSON.stringify([...new Set(body.memberIds)]),
            starts_at: startsAt,
            ends_at: endsAt,
            status: 'planned',
            rule: JSON.stringify(rule),
            note: body.note || null,
            created_by: principal.userId,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await audit.write(trx, principal, {
          action: 'patrol.task.create',
          resource: 'patrol-task',
          resourceId: id,
          detail: { teamId: team.id, featureId: feature.id, members: body.memberIds.length },
        });
        await announce(
          trx,
          { tenant_code: principal.tenantCode, id, team_id: team.id, station_id: team.station_id },
          'planned',
          'created',
          null,
        );
      });
      bus.kick();
      return (await this.getTask(principal, id)) as PatrolTask;
    },

    async cancelTask(principal: Principal, id: string, body: PatrolCancelBody): Promise<PatrolTask> {
      requireRole(principal, PATROL_WRITE, 'Cancelling patrol tasks');
      const task = await loadTask(principal, id);
      if (task.status === 'completed' || task.status === 'missed' || task.status === 'cancelled')
        throw conflict(`the task is ${task.status}: it cannot be cancelled`, { reason: task.status });
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('patrol_tasks')
          .set({ status: 'cancelled', cancelled_at: now, cancel_reason: body.reason, updated_at: now })
          .where('tenant_code', '=', task.tenant_code)
          .where('id', '=', id)
          .execute();
        // Runs still open end with the task (judged, but the task stays cancelled).
        const open = await trx
          .selectFrom('patrol_runs')
          .selectAll()
          .where('tenant_code', '=', task.tenant_code)
          .where('task_id', '=', id)
          .where('status', '=', 'active')
          .execute();
        for (const run of open) await closeRun(trx, run, now, now, principal);
        await audit.write(trx, principal, {
          action: 'patrol.task.cancel',
          resource: 'patrol-task',
          resourceId: id,
          detail: { reason: body.reason },
        });
        await announce(trx, task, 'cancelled', 'cancelled', null);
      });
      bus.kick();
      const [presented] = await presentTasks(principal.tenantCode, [(await loadTask(principal, id))!]);
      return presented!;
    },

    // ── The volunteer's phone ─────────────────────────────────────────────────────────────────────
    /** My tasks whose window touches today (China time) or that are running, with my latest run on each. */
    async mine(principal: Principal): Promise<MyPatrolTaskList> {
      requireRole(principal, VOLUNTEER, 'A volunteer’s patrols');
      await settle(principal.tenantCode);
      const me = await myMember(db, principal);
      const teams = await myTeamIds(principal, me.id);
      if (!teams.length) return { items: [], total: 0 };
      const now = clock.now();
      const from = chinaDayStart(chinaDate(now));
      const to = new Date(from.getTime() + 86_400_000);
      const rows = (
        await db
          .selectFrom('patrol_tasks')
          .selectAll()
          .where('tenant_code', '=', principal.tenantCode)
          .where('team_id', 'in', teams)
          .where('starts_at', '<', to)
          .where('ends_at', '>', from)
          .orderBy('starts_at')
          .execute()
      ).filter((t) => t.member_ids.length === 0 || t.member_ids.includes(me.id));
      const runs = rows.length
        ? await db
            .selectFrom('patrol_runs')
            .selectAll()
            .where('tenant_code', '=', principal.tenantCode)
            .where('member_id', '=', me.id)
            .where(
              'task_id',
              'in',
              rows.map((r) => r.id),
            )
            .orderBy('started_at', 'desc')
            .execute()
        : [];
      const tasks = await presentTasks(principal.tenantCode, rows);
      const presentedRuns = await presentRuns(principal.tenantCode, runs);
      const items = tasks.map((task) => ({
        task,
        run: presentedRuns.find((r) => r.taskId === task.id) ?? null,
      }));
      return { items, total: items.length };
    },

    async checkIn(principal: Principal, taskId: string, body: PatrolCheckInBody): Promise<PatrolRun> {
      requireRole(principal, VOLUNTEER, 'Checking in to a patrol');
      const task = await loadTask(principal, taskId);
      const me = await myMember(db, principal);
      if (task.member_ids.length && !task.member_ids.includes(me.id))
        throw forbidden('this patrol task is assigned to other members of the team');
      if (!me.on_duty)
        throw conflict('off duty: go on duty (值守) before checking in to a patrol', { reason: 'off-duty' });
      if (!hasConsent(me))
        throw conflict('no consent to location sharing: a patrol records your track, give consent first', {
          reason: 'no-consent',
        });
      if (task.status === 'cancelled') throw conflict('the task was cancelled', { reason: 'cancelled' });
      const now = clock.now();
      const at = body.at ? new Date(body.at) : now;
      if (at.getTime() > now.getTime() + FUTURE_SLACK_MS) throw invalid('/at', 'must not lie in the future');
      if (at.getTime() < new Date(task.starts_at).getTime() - EARLY_MS)
        throw conflict('the patrol window has not opened yet', {
          reason: 'not-yet',
          startsAt: iso(task.starts_at),
        });
      if (at.getTime() >= new Date(task.ends_at).getTime())
        throw conflict('the patrol window has ended', { reason: 'window-ended', endsAt: iso(task.ends_at) });
      const existing = await db
        .selectFrom('patrol_runs')
        .selectAll()
        .where('tenant_code', '=', principal.tenantCode)
        .where('task_id', '=', taskId)
        .where('member_id', '=', me.id)
        .where('status', '=', 'active')
        .executeTakeFirst();
      if (existing) return (await presentRuns(principal.tenantCode, [existing]))[0]!;
      const id = randomUUID();
      await db.transaction().execute(async (trx) => {
        const hasFix = body.lon !== undefined && body.lat !== undefined;
        await trx
          .insertInto('patrol_runs')
          .values({
            tenant_code: principal.tenantCode,
            id,
            task_id: task.id,
            team_id: task.team_id,
            station_id: task.station_id,
            member_id: me.id,
            user_id: principal.userId,
            status: 'active',
            started_at: at,
            points: hasFix ? 1 : 0,
            last_lon: hasFix ? body.lon! : null,
            last_lat: hasFix ? body.lat! : null,
            last_at: hasFix ? at : null,
          })
          .execute();
        if (hasFix)
          await trx
            .insertInto('patrol_points')
            .values({
              tenant_code: principal.tenantCode,
              run_id: id,
              at,
              lon: body.lon!,
              lat: body.lat!,
              accuracy_m: body.accuracyM ?? null,
              received_at: now,
            })
            .onConflict((oc) => oc.doNothing())
            .execute();
        const status = await settleTask(
          trx,
          { ...task, status: task.status === 'planned' ? 'planned' : task.status },
          now,
        );
        await audit.write(trx, principal, {
          action: 'patrol.run.check-in',
          resource: 'patrol-run',
          resourceId: id,
          detail: { taskId: task.id },
        });
        await announce(
          trx,
          task,
          status,
          'checked-in',
          id,
          hasFix ? { lon: body.lon!, lat: body.lat! } : null,
        );
      });
      bus.kick();
      const run = await loadRun(principal, id);
      return (await presentRuns(principal.tenantCode, [run]))[0]!;
    },

    /** A batch of GPS fixes: one multi-row insert; a fix already stored for the run and instant is a duplicate. */
    async addPoints(
      principal: Principal,
      runId: string,
      body: PatrolPointsBody,
    ): Promise<PatrolPointsResult> {
      requireRole(principal, VOLUNTEER, 'Recording a patrol track');
      const run = await loadRun(principal, runId);
      if (run.status !== 'active')
        throw conflict(`the run is ${run.status}: no more points are taken`, { reason: 'run-closed' });
      const me = await myMember(db, principal);
      if (!me.on_duty) throw conflict('off duty: the track is not stored', { reason: 'off-duty' });
      if (!hasConsent(me))
        throw conflict('no consent to location sharing: the track is not stored', { reason: 'no-consent' });
      const now = clock.now();
      const seen = new Set<number>();
      const rows: {
        tenant_code: string;
        run_id: string;
        at: Date;
        lon: number;
        lat: number;
        accuracy_m: number | null;
        received_at: Date;
      }[] = [];
      for (const [i, p] of body.points.entries()) {
        const at = new Date(p.at);
        if (at.getTime() > now.getTime() + FUTURE_SLACK_MS)
          throw invalid(`/points/${i}/at`, 'must not lie in the future');
        if (seen.has(at.getTime())) continue;
        seen.add(at.getTime());
        rows.push({
          tenant_code: principal.tenantCode,
          run_id: run.id,
          at,
          lon: p.lon,
          lat: p.lat,
          accuracy_m: p.accuracyM ?? null,
          received_at: now,
        });
      }
      const latest = rows.reduce((a, b) => (b.at > a.at ? b : a));
      let accepted = 0;
      await db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('patrol_points')
          .values(rows)
          .onConflict((oc) => oc.columns(['tenant_code', 'run_id', 'at']).doNothing())
          .returning('at')
          .execute();
        accepted = inserted.length;
        if (!accepted) return;
        await trx
          .updateTable('patrol_runs')
          .set((eb) => ({
            points: eb('points', '+', accepted),
            last_lon: sql<number>`CASE WHEN last_at IS NULL OR last_at < ${latest.at} THEN ${latest.lon}::double precision ELSE last_lon END`,
            last_lat: sql<number>`CASE WHEN last_at IS NULL OR last_at < ${latest.at} THEN ${latest.lat}::double precision ELSE last_lat END`,
            last_at: sql<Date>`CASE WHEN last_at IS NULL OR last_at < ${latest.at} THEN ${latest.at}::timestamptz ELSE last_at END`,
          }))
          .where('tenant_code', '=', run.tenant_code)
          .where('id', '=', run.id)
          .execute();
        // The member's latest position (the call-outs read it) moves with the track: the volunteers module's write.
        await volunteersRepo.upsertPositionIfNewer(trx, {
          tenant_code: principal.tenantCode,
          member_id: me.id,
          lon: latest.lon,
          lat: latest.lat,
          accuracy_m: latest.accuracy_m,
          at: latest.at,
        });
        await audit.write(trx, principal, {
          action: 'patrol.run.points',
          resource: 'patrol-run',
          resourceId: run.id,
          detail: { accepted, duplicates: body.points.length - accepted },
        });
        await announce(
          trx,
          { tenant_code: run.tenant_code, id: run.task_id, team_id: run.team_id, station_id: run.station_id },
          'active',
          'track',
          run.id,
          { lon: latest.lon, lat: latest.lat },
        );
      });
      if (accepted) bus.kick();
      return { accepted, duplicates: body.points.length - accepted };
    },

    async checkOut(principal: Principal, runId: string, body: PatrolCheckOutBody): Promise<PatrolRun> {
      requireRole(principal, VOLUNTEER, 'Checking out of a patrol');
      const run = await loadRun(principal, runId);
      if (run.status !== 'active') return (await presentRuns(principal.tenantCode, [run]))[0]!;
      const now = clock.now();
      let endedAt = body.at ? new Date(body.at) : now;
      if (endedAt.getTime() > now.getTime() + FUTURE_SLACK_MS)
        throw invalid('/at', 'must not lie in the future');
      if (endedAt > now) endedAt = now;
      if (endedAt < new Date(run.started_at)) throw invalid('/at', 'must not lie before the check-in');
      await db.transaction().execute(async (trx) => {
        await closeRun(trx, run, endedAt, now, principal);
      });
      bus.kick();
      return (await presentRuns(principal.tenantCode, [await loadRun(principal, runId)]))[0]!;
    },

    /** A run with its track (positions: audited). */
    async getRun(principal: Principal, runId: string): Promise<PatrolRunDetail> {
      await settle(principal.tenantCode);
      const run = await loadRun(principal, runId);
      const task = await loadTask(principal, run.task_id);
      const points = await track(principal.tenantCode, run.id);
      await audit.record(principal, {
        action: 'patrol.run.read',
        resource: 'patrol-run',
        resourceId: run.id,
        detail: { points: points.length },
      });
      const [presented] = await presentRuns(principal.tenantCode, [run]);
      const [t] = await presentTasks(principal.tenantCode, [task]);
      return {
        ...presented!,
        task: t!,
        track: points.map((p) => ({ lon: p.lon, lat: p.lat, accuracyM: p.accuracy_m, at: iso(p.at) })),
      };
    },

    /** The command map's layer: runs under way in scope with their recent track and their target. */
    async live(principal: Principal): Promise<PatrolLive> {
      requireRole(principal, STAFF, 'Watching patrols');
      await settle(principal.tenantCode);
      const scope = stationScope(principal, await orgs.directory(principal.tenantCode));
      let q = db
        .selectFrom('patrol_runs')
        .selectAll()
        .where('tenant_code', '=', principal.tenantCode)
        .where('status', '=', 'active');
      if (scope) q = q.where('station_id', 'in', scope.length ? scope : ['-']);
      const runs = await q.orderBy('started_at').limit(500).execute();
      if (!runs.length) return { items: [], total: 0 };
      const tasks = await db
        .selectFrom('patrol_tasks')
        .selectAll()
        .where('tenant_code', '=', principal.tenantCode)
        .where(
          'id',
          'in',
          runs.map((r) => r.task_id),
        )
        .execute();
      const presentedTasks = await presentTasks(principal.tenantCode, tasks);
      const presentedRuns = await presentRuns(principal.tenantCode, runs);
      const items = [];
      for (const run of presentedRuns) {
        const points = await track(principal.tenantCode, run.id, LIVE_TRACK_MAX);
        items.push({
          run,
          task: presentedTasks.find((t) => t.id === run.taskId)!,
          track: points.map((p) => [p.lon, p.lat] as [number, number]),
        });
      }
      await audit.record(principal, {
        action: 'patrol.live.read',
        resource: 'patrol-run',
        resourceId: '*',
        detail: { runs: items.length },
      });
      return { items, total: items.length };
    },
  };
}
export type PatrolsService = ReturnType<typeof createPatrolsService>;
