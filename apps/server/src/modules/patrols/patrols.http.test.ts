import { createLocalProjection, type LngLat } from '@ronghui/geo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import type { Services } from '../../main.ts';
import { manualClock } from '../../platform/clock.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Database } from '../../platform/db/database.ts';
import { createCoverageRepo } from '../dispatch/index.ts';
import { createVolunteersRepo } from '../volunteers/index.ts';
import { type CompletedPatrolRun, createPatrolsService } from './index.ts';

const TENANT = '350526';

/** 群防群治 patrols through HTTP: check-in rules, batched tracks, judging, the missed sweep and scope. */
describe.each(databaseKinds())('patrols 巡逻 (%s)', (kind) => {
  let database: Database;
  let services: Services;
  let t: TestApp;
  const clock = manualClock(new Date('2026-12-06T02:00:00Z'));
  const cookies = new Map<string, string>();
  let teamId: string;
  let stationId: string;
  let target: LngLat;
  let pointFeature: string;
  let lineFeature: string;
  let member1: string;

  const as = (who: string) => cookies.get(who)!;
  const signIn = async () => {
    for (const who of [
      'commander',
      'officer-shangyong',
      'officer-xunzhong',
      'volunteer',
      'volunteer-shangyong-1',
      'volunteer-shangyong-2',
      'volunteer-shangyong-3',
    ])
      cookies.set(who, await t.login(who));
  };
  const advance = async (ms: number) => {
    clock.set(new Date(clock.now().getTime() + ms));
    await signIn();
  };
  const req = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.as(as(who), { method, url, ...(payload ? { payload } : {}) });
  const newTask = async (featureId: string, startsInMs: number, lastsMs: number, extra: object = {}) => {
    const now = clock.now().getTime();
    const res = await req('officer-shangyong', 'POST', '/api/patrols/tasks', {
      teamId,
      featureId,
      startsAt: new Date(now + startsInMs).toISOString(),
      endsAt: new Date(now + startsInMs + lastsMs).toISOString(),
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; status: string };
  };
  /** Fixes every 10 s for `seconds` around the target, starting `fromMs` after the epoch `from`. */
  const around = (from: number, seconds: number, offsetM = 20) => {
    const proj = createLocalProjection(target);
    return Array.from({ length: seconds / 10 + 1 }, (_, i) => {
      const [lon, lat] = proj.toLngLat([offsetM * Math.cos(i / 5), offsetM * Math.sin(i / 5)]);
      return { lon, lat, accuracyM: 8, at: new Date(from + i * 10_000).toISOString() };
    });
  };

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    services = await testServices(database, { clock });
    t = await testApp(services);
    await signIn();
    const teams = await req('officer-shangyong', 'GET', '/api/volunteers/teams');
    const gz = teams.json().items.find((x: { name: string }) => x.name === '古镇义警队');
    teamId = gz.id;
    stationId = gz.stationId;
    const me = await req('volunteer-shangyong-1', 'GET', '/api/volunteers/me');
    member1 = me.json().id;
    const pos = await database.db
      .selectFrom('volunteer_positions')
      .select(['lon', 'lat'])
      .where('member_id', '=', member1)
      .executeTakeFirstOrThrow();
    target = [pos.lon, pos.lat];
    // The demo snapshot's positions carry the time it was made: put them before this test's clock.
    await database.db
      .updateTable('volunteer_positions')
      .set({ at: new Date(clock.now().getTime() - 3_600_000) })
      .execute();
    const proj = createLocalProjection(target);
    const plan = async (body: object) => {
      const res = await req('commander', 'POST', '/api/patrol-plans', { stationId, ...body });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    pointFeature = await plan({
      kind: 'guard-point',
      name: '测试守点',
      geometry: { type: 'Point', coordinates: target },
    });
    lineFeature = await plan({
      kind: 'patrol-line',
      name: '测试巡线',
      geometry: { type: 'LineString', coordinates: [proj.toLngLat([0, 0]), proj.toLngLat([600, 0])] },
    });
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  let taskId: string;
  let runId: string;

  it('the demo gives 古镇义警队 patrols around 曾坂古村落: yesterday’s line walked and judged, tasks today', async () => {
    const list = await req('officer-shangyong', 'GET', `/api/patrols/tasks?teamId=${teamId}&pageSize=100`);
    expect(list.statusCode).toBe(200);
    const demo = list.json().items.filter((x: { demo: boolean }) => x.demo);
    expect(demo.length).toBe(5);
    expect(new Set(demo.map((x: { featureKind: string }) => x.featureKind))).toEqual(
      new Set(['guard-point', 'patrol-line', 'control-area']),
    );
    const walked = demo.find((x: { completedRunId: string | null }) => x.completedRunId);
    expect(walked).toMatchObject({ status: 'completed', featureKind: 'patrol-line' });
    const run = await req('officer-shangyong', 'GET', `/api/patrols/runs/${walked.completedRunId}`);
    expect(run.json()).toMatchObject({ status: 'completed', judgement: { completed: true } });
    expect(run.json().judgement.lineShare).toBeGreaterThanOrEqual(0.8);
    expect(run.json().track.length).toBe(run.json().points);
  });

  it('a station sets a task on a patrol feature for its team; another station cannot', async () => {
    const features = await req('officer-shangyong', 'GET', '/api/patrols/features');
    expect(features.json().items.map((f: { id: string }) => f.id)).toContain(pointFeature);
    const other = await req('officer-xunzhong', 'GET', '/api/patrols/features');
    expect(other.json().items.map((f: { id: string }) => f.id)).not.toContain(pointFeature);
    const task = await newTask(pointFeature, -5 * 60_000, 2 * 3_600_000, { rule: { minDwellMinutes: 10 } });
    taskId = task.id;
    expect(task).toMatchObject({ status: 'planned', featureKind: 'guard-point', featureName: '测试守点' });
    const now = clock.now().getTime();
    const foreign = await req('officer-xunzhong', 'POST', '/api/patrols/tasks', {
      teamId,
      featureId: pointFeature,
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now + 3_600_000).toISOString(),
    });
    expect(foreign.statusCode).toBe(404);
    expect((await req('officer-xunzhong', 'GET', `/api/patrols/tasks/${taskId}`)).statusCode).toBe(404);
    expect(
      (await req('officer-xunzhong', 'POST', `/api/patrols/tasks/${taskId}/cancel`, { reason: '试' }))
        .statusCode,
    ).toBe(404);
    // A volunteer cannot set tasks; a bad window names its field.
    expect(
      (
        await req('volunteer-shangyong-1', 'POST', '/api/patrols/tasks', {
          teamId,
          featureId: pointFeature,
          startsAt: new Date(now).toISOString(),
          endsAt: new Date(now + 3_600_000).toISOString(),
        })
      ).statusCode,
    ).toBe(403);
    const backwards = await req('officer-shangyong', 'POST', '/api/patrols/tasks', {
      teamId,
      featureId: pointFeature,
      startsAt: new Date(now + 3_600_000).toISOString(),
      endsAt: new Date(now).toISOString(),
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors[0].path).toBe('/endsAt');
  });

  it('refuses check-in off duty or without consent to location sharing, with the reason', async () => {
    expect(
      (await req('volunteer-shangyong-2', 'PUT', '/api/volunteers/me/duty', { onDuty: false })).statusCode,
    ).toBe(200);
    const off = await req('volunteer-shangyong-2', 'POST', `/api/patrols/tasks/${taskId}/check-in`, {});
    expect(off.statusCode).toBe(409);
    expect(off.json()).toMatchObject({ reason: 'off-duty' });
    expect(
      (await req('volunteer-shangyong-3', 'PUT', '/api/volunteers/me/consent', { location: false }))
        .statusCode,
    ).toBe(200);
    const noConsent = await req('volunteer-shangyong-3', 'POST', `/api/patrols/tasks/${taskId}/check-in`, {});
    expect(noConsent.statusCode).toBe(409);
    expect(noConsent.json()).toMatchObject({ reason: 'no-consent' });
    expect(
      await database.db.selectFrom('patrol_runs').selectAll().where('task_id', '=', taskId).execute(),
    ).toEqual([]);
    // A volunteer of another team does not even see the task.
    expect((await req('volunteer', 'POST', `/api/patrols/tasks/${taskId}/check-in`, {})).statusCode).toBe(
      404,
    );
  });

  it('checks in on duty and consenting; the task turns active', async () => {
    const res = await req('volunteer-shangyong-1', 'POST', `/api/patrols/tasks/${taskId}/check-in`, {
      lon: target[0],
      lat: target[1],
    });
    expect(res.statusCode, res.body).toBe(201);
    runId = res.json().id;
    expect(res.json()).toMatchObject({ status: 'active', taskId, memberId: member1, points: 1 });
    expect(res.json().memberName).toMatch(/\*/);
    const task = await req('officer-shangyong', 'GET', `/api/patrols/tasks/${taskId}`);
    expect(task.json()).toMatchObject({ status: 'active', runs: 1 });
  });

  it('takes a batch of points once: a resend counts as duplicates, a bad point names its index', async () => {
    const started = clock.now().getTime();
    await advance(12 * 60_000);
    const batch = around(started + 5_000, 700);
    const first = await req('volunteer-shangyong-1', 'POST', `/api/patrols/runs/${runId}/points`, {
      points: batch,
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ accepted: batch.length, duplicates: 0 });
    const extra = around(started + 715_000, 0)[0]!;
    const again = await req('volunteer-shangyong-1', 'POST', `/api/patrols/runs/${runId}/points`, {
      points: [...batch, extra],
    });
    expect(again.json()).toEqual({ accepted: 1, duplicates: batch.length });
    const stored = await database.db
      .selectFrom('patrol_points')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('run_id', '=', runId)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(batch.length + 2);
    // The member's latest position follows the track.
    const pos = await database.db
      .selectFrom('volunteer_positions')
      .selectAll()
      .where('member_id', '=', member1)
      .executeTakeFirstOrThrow();
    expect(new Date(pos.at).toISOString()).toBe(extra.at);
    const bad = await req('volunteer-shangyong-1', 'POST', `/api/patrols/runs/${runId}/points`, {
      points: [batch[0], batch[1], batch[2], { ...batch[3], lat: 200 }],
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('points/3/lat');
    const future = await req('volunteer-shangyong-1', 'POST', `/api/patrols/runs/${runId}/points`, {
      points: [batch[0], { ...batch[1], at: new Date(clock.now().getTime() + 3_600_000).toISOString() }],
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0].path).toBe('/points/1/at');
    const tooMany = await req('volunteer-shangyong-1', 'POST', `/api/patrols/runs/${runId}/points`, {
      points: around(started, 5_000),
    });
    expect(tooMany.statusCode).toBe(400);
  });

  it('shows a run only to its volunteer and the station in scope', async () => {
    expect((await req('volunteer-shangyong-1', 'GET', `/api/patrols/runs/${runId}`)).statusCode).toBe(200);
    expect((await req('volunteer-shangyong-2', 'GET', `/api/patrols/runs/${runId}`)).statusCode).toBe(404);
    expect(
      (
        await req('volunteer-shangyong-2', 'POST', `/api/patrols/runs/${runId}/points`, {
          points: around(0, 0),
        })
      ).statusCode,
    ).toBe(404);
    expect((await req('officer-xunzhong', 'GET', `/api/patrols/runs/${runId}`)).statusCode).toBe(404);
    const detail = await req('officer-shangyong', 'GET', `/api/patrols/runs/${runId}`);
    expect(detail.json().track.length).toBe(73);
    // The command map: the station sees the run with its track, another station does not.
    const live = await req('officer-shangyong', 'GET', '/api/patrols/live');
    const mine = live.json().items.find((x: { run: { id: string } }) => x.run.id === runId);
    expect(mine.track.length).toBe(73);
    expect(mine.task.id).toBe(taskId);
    const elsewhere = await req('officer-xunzhong', 'GET', '/api/patrols/live');
    expect(elsewhere.json().items.map((x: { run: { id: string } }) => x.run.id)).not.toContain(runId);
    // Another team's volunteer sees none of this team's tasks.
    const theirs = await req('volunteer', 'GET', '/api/patrols/tasks');
    expect(theirs.json().items.map((x: { id: string }) => x.id)).not.toContain(taskId);
    const ours = await req('volunteer-shangyong-2', 'GET', '/api/patrols/tasks');
    expect(ours.json().items.map((x: { id: string }) => x.id)).toContain(taskId);
  });

  it('checks out: completed by geofence and time; the run then takes no more points', async () => {
    const mine = await req('volunteer-shangyong-1', 'GET', '/api/patrols/mine');
    expect(mine.json().items.find((x: { task: { id: string } }) => x.task.id === taskId).run.id).toBe(runId);
    const out = await req('volunteer-shangyong-1', 'POST', `/api/patrols/runs/${runId}/check-out`, {});
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json()).toMatchObject({ status: 'completed', judgement: { completed: true, reason: null } });
    expect(out.json().judgement.insideS).toBeGreaterThanOrEqual(600);
    const task = await req('officer-shangyong', 'GET', `/api/patrols/tasks/${taskId}`);
    expect(task.json()).toMatchObject({ status: 'completed', completedRunId: runId });
    // The completed run is a confirmed patrol in the activity ledger, with the member's points.
    const ledger = await database.db
      .selectFrom('volunteer_activities as a')
      .innerJoin('volunteer_activity_people as p', (j) =>
        j.onRef('p.tenant_code', '=', 'a.tenant_code').onRef('p.activity_id', '=', 'a.id'),
      )
      .select(['a.kind', 'a.status', 'p.points'])
      .where('a.patrol_run_id', '=', runId)
      .execute();
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ kind: 'patrol', status: 'confirmed' });
    expect(ledger[0]!.points).toBeGreaterThan(0);
    const late = await req('volunteer-shangyong-1', 'POST', `/api/patrols/runs/${runId}/points`, {
      points: around(clock.now().getTime() - 10_000, 0),
    });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ reason: 'run-closed' });
  });

  it('judges a half-walked line incomplete, and tells the ledger hook only of completed runs', async () => {
    const heard: CompletedPatrolRun[] = [];
    const patrols = createPatrolsService({
      db: services.db,
      orgs: services.orgs,
      audit: services.audit,
      bus: services.bus,
      clock,
      log: services.log,
      volunteersRepo: createVolunteersRepo(),
      plans: createCoverageRepo(),
      onRunCompleted: async (_trx, run) => {
        heard.push(run);
      },
    });
    const line = await newTask(lineFeature, -60_000, 3_600_000);
    const res = await req('volunteer-shangyong-1', 'POST', `/api/patrols/tasks/${line.id}/check-in`, {});
    const lineRun = res.json().id;
    const start = clock.now().getTime();
    await advance(10 * 60_000);
    const proj = createLocalProjection(target);
    const walk = Array.from({ length: 31 }, (_, i) => {
      const [lon, lat] = proj.toLngLat([i * 10, 5]);
      return { lon, lat, at: new Date(start + i * 10_000).toISOString() };
    });
    expect(
      (
        await req('volunteer-shangyong-1', 'POST', `/api/patrols/runs/${lineRun}/points`, { points: walk })
      ).json(),
    ).toEqual({ accepted: 31, duplicates: 0 });
    const out = await req('volunteer-shangyong-1', 'POST', `/api/patrols/runs/${lineRun}/check-out`, {});
    expect(out.json()).toMatchObject({ status: 'incomplete', judgement: { reason: 'line-not-covered' } });
    expect(out.json().judgement.lineShare).toBeLessThan(0.8);
    // The hook: a guard-point run through a service that has one.
    const point = await newTask(pointFeature, -60_000, 3_600_000, { rule: { minDwellMinutes: 1 } });
    const run = await req('volunteer-shangyong-1', 'POST', `/api/patrols/tasks/${point.id}/check-in`, {});
    const t0 = clock.now().getTime();
    await advance(3 * 60_000);
    await req('volunteer-shangyong-1', 'POST', `/api/patrols/runs/${run.json().id}/points`, {
      points: around(t0, 120),
    });
    const user = await database.db
      .selectFrom('users')
      .select(['id', 'org_id'])
      .where('username', '=', 'volunteer-shangyong-1')
      .executeTakeFirstOrThrow();
    const volunteer: Principal = {
      tenantCode: TENANT,
      userId: user.id,
      username: 'volunteer-shangyong-1',
      displayName: 'volunteer-shangyong-1',
      roles: ['volunteer'],
      orgId: user.org_id,
      orgName: '',
      scopeKind: 'station',
      orgPath: [user.org_id],
      sessionKind: 'session',
    };
    const judged = await patrols.checkOut(volunteer, run.json().id, {});
    expect(judged.status).toBe('completed');
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatchObject({
      runId: run.json().id,
      taskId: point.id,
      teamId,
      memberId: member1,
      featureName: '测试守点',
    });
    expect(heard[0]!.lon).toBeCloseTo(target[0], 6);
  });

  it('flags a task whose window ended without a completed run as missed, by the sweep and on reads', async () => {
    const swept = await newTask(pointFeature, 60_000, 30 * 60_000);
    const read = await newTask(pointFeature, 60_000, 30 * 60_000);
    // A run left open: judged at the window's end.
    await advance(2 * 60_000);
    const open = await req('volunteer-shangyong-1', 'POST', `/api/patrols/tasks/${swept.id}/check-in`, {});
    expect(open.statusCode).toBe(201);
    clock.set(new Date(clock.now().getTime() + 40 * 60_000));
    expect(await services.patrols.sweep(TENANT)).toBeGreaterThanOrEqual(2);
    const row = await database.db
      .selectFrom('patrol_tasks')
      .select('status')
      .where('id', '=', swept.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('missed');
    const run = await database.db
      .selectFrom('patrol_runs')
      .selectAll()
      .where('id', '=', open.json().id)
      .executeTakeFirstOrThrow();
    expect(run.status).toBe('incomplete');
    // A task whose window ends with no sweep in between: the read itself flags it.
    await signIn();
    const third = await newTask(pointFeature, 60_000, 10 * 60_000);
    clock.set(new Date(clock.now().getTime() + 20 * 60_000));
    await signIn();
    const missed = await req('officer-shangyong', 'GET', '/api/patrols/tasks?status=missed&pageSize=100');
    const ids = missed.json().items.map((x: { id: string }) => x.id);
    expect(ids).toEqual(expect.arrayContaining([swept.id, read.id, third.id]));
    const late = await req('volunteer-shangyong-1', 'POST', `/api/patrols/tasks/${third.id}/check-in`, {});
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ reason: 'window-ended' });
  });

  it('cancels a planned task with a reason; a cancelled task takes no check-in', async () => {
    const task = await newTask(pointFeature, 60_000, 3_600_000);
    const res = await req('officer-shangyong', 'POST', `/api/patrols/tasks/${task.id}/cancel`, {
      reason: '暴雨',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', cancelReason: '暴雨' });
    const late = await req('volunteer-shangyong-1', 'POST', `/api/patrols/tasks/${task.id}/check-in`, {});
    expect(late.json()).toMatchObject({ reason: 'cancelled' });
    const byDate = await req(
      'officer-shangyong',
      'GET',
      `/api/patrols/tasks?teamId=${teamId}&status=cancelled&date=2026-12-06`,
    );
    expect(byDate.json().items.map((x: { id: string }) => x.id)).toContain(task.id);
  });
});
