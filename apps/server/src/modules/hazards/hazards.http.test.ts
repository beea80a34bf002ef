import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import { manualClock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';

/** A tiny real JPEG (1×1, grey). */
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);
const DAY = 86_400_000;

/** Hazards round the closed loop, in scope, with photos, deadlines, incidents and grid cases. */
describe.each(databaseKinds())('hazards (%s)', (kind) => {
  let database: Database;
  let t: TestApp;
  const clock = manualClock(new Date('2026-12-06T02:00:00Z'));
  let grid: string;
  let officer: string;
  let otherOfficer: string;
  let dispatcher: string;
  let auditor: string;
  let gridId: string;
  let stationId: string;
  let point: { lon: number; lat: number };

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    t = await testApp(await testServices(database, { clock }));
    grid = await t.login('grid-worker');
    officer = await t.login('officer-yangmei');
    otherOfficer = await t.login('officer-tangtou');
    dispatcher = await t.login('dispatcher');
    auditor = await t.login('auditor');
    const me = (await t.as(grid, { method: 'GET', url: '/api/auth/me' })).json();
    gridId = me.scope.orgId;
    // A village of the grid worker's grid: a point inside it.
    const village = await database.db
      .selectFrom('divisions')
      .select(['lon', 'lat', 'station_id'])
      .where('grid_id', '=', gridId)
      .where('level', '=', 'village')
      .executeTakeFirstOrThrow();
    point = { lon: village.lon, lat: village.lat };
    stationId = village.station_id!;
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  const report = (cookie: string, payload: Record<string, unknown>) =>
    t.as(cookie, { method: 'POST', url: '/api/hazards', payload });
  const step = (cookie: string, id: string, payload: Record<string, unknown>) =>
    t.as(cookie, { method: 'POST', url: `/api/hazards/${id}/steps`, payload });

  it('takes a report (201), finds its grid and station, and names a bad field in a 400', async () => {
    const res = await report(grid, {
      kind: 'fire',
      description: '楼道堆放杂物堵塞消防通道',
      location: point,
    });
    expect(res.statusCode, res.body).toBe(201);
    const h = res.json();
    expect(h).toMatchObject({
      kind: 'fire',
      status: 'reported',
      grid: { id: gridId },
      reportedBy: 'grid-worker',
    });
    expect(h.station.id).toBe(stationId);
    expect(h.timeline.map((e: { kind: string }) => e.kind)).toEqual(['created']);

    const bad = await report(grid, { kind: 'volcano', description: '火山', location: point });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(bad.json())).toContain('/kind');
  });

  it('answers the same client id once, and refuses it for another report', async () => {
    const id = randomUUID();
    const body = { id, kind: 'traffic', description: '路口信号灯损坏', location: point };
    expect((await report(grid, body)).statusCode).toBe(201);
    const again = await report(grid, body);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(id);
    expect((await report(grid, { ...body, description: '另一件事' })).statusCode).toBe(409);
    const rows = await database.db.selectFrom('hazards').select('id').where('id', '=', id).execute();
    expect(rows).toHaveLength(1);
  });

  it('stores a photo once, checks its bytes, and audits every read', async () => {
    const h = (await report(grid, { kind: 'building', description: '危房墙体开裂', location: point })).json();
    const send = (body: Buffer, type = 'image/jpeg') =>
      t.as(grid, {
        method: 'POST',
        url: `/api/hazards/${h.id}/photos`,
        headers: { 'content-type': type },
        payload: body,
      });
    const first = await send(JPEG);
    expect(first.statusCode, first.body).toBe(201);
    expect((await send(JPEG)).statusCode).toBe(200);
    expect((await send(Buffer.from('not a picture'))).statusCode).toBe(400);
    const detail = (await t.as(officer, { method: 'GET', url: `/api/hazards/${h.id}` })).json();
    expect(detail.photos).toHaveLength(1);
    const read = await t.as(officer, { method: 'GET', url: first.json().url });
    expect(read.statusCode).toBe(200);
    expect(read.rawPayload.equals(JPEG)).toBe(true);
    const reads = await database.db
      .selectFrom('audit_log')
      .select('actor')
      .where('action', '=', 'hazard.photo.read')
      .execute();
    expect(reads).toEqual([{ actor: 'officer-yangmei' }]);
  });

  it('goes round the loop, each step on the timeline and audited; a step out of turn is a 409', async () => {
    const h = (await report(grid, { kind: 'fire', description: '电动车楼道充电', location: point })).json();
    expect((await step(grid, h.id, { action: 'register' })).statusCode).toBe(403);
    expect((await step(officer, h.id, { action: 'close' })).statusCode).toBe(409);
    const registered = (await step(officer, h.id, { action: 'register' })).json();
    expect(new Date(registered.deadlineAt).getTime() - new Date(registered.registeredAt).getTime()).toBe(
      3 * DAY,
    );
    expect((await step(officer, h.id, { action: 'dispatch' })).json().detail).toContain('unit');
    const dispatched = await step(officer, h.id, {
      action: 'dispatch',
      unit: { kind: 'department', name: '县消防救援大队' },
    });
    expect(dispatched.json().responsible).toEqual({ kind: 'department', id: null, name: '县消防救援大队' });
    expect((await step(grid, h.id, { action: 'start' })).statusCode).toBe(200);
    expect((await step(grid, h.id, { action: 'report-back', note: '已清理' })).statusCode).toBe(200);
    expect((await step(officer, h.id, { action: 'reject' })).statusCode).toBe(400);
    expect((await step(officer, h.id, { action: 'verify' })).statusCode).toBe(200);
    expect((await step(officer, h.id, { action: 'close' })).statusCode).toBe(200);
    const done = (await step(grid, h.id, { action: 'evaluate', rating: 'satisfied' })).json();
    expect(done).toMatchObject({ status: 'evaluated', rating: 'satisfied', actions: [] });
    expect(done.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'created',
      'register',
      'dispatch',
      'start',
      'report-back',
      'verify',
      'close',
      'evaluate',
    ]);
    const audited = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('resource_id', '=', h.id)
      .execute();
    expect(audited.map((a) => a.action)).toContain('hazard.evaluate');
  });

  it('shows a hazard to its grid, its station and the county; not to another station or an auditor', async () => {
    const h = (await report(grid, { kind: 'public-order', description: '夜间聚集', location: point })).json();
    for (const who of [grid, officer, dispatcher])
      expect((await t.as(who, { method: 'GET', url: `/api/hazards/${h.id}` })).statusCode).toBe(200);
    expect((await t.as(otherOfficer, { method: 'GET', url: `/api/hazards/${h.id}` })).statusCode).toBe(404);
    expect((await t.as(auditor, { method: 'GET', url: '/api/hazards' })).statusCode).toBe(403);
    const other = (await t.as(otherOfficer, { method: 'GET', url: '/api/hazards' })).json();
    expect(other.items.map((i: { id: string }) => i.id)).not.toContain(h.id);
    const mine = (await t.as(officer, { method: 'GET', url: '/api/hazards' })).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toContain(h.id);
  });

  it('makes an incident of police business, each naming the other', async () => {
    const h = (
      await report(grid, { kind: 'public-order', description: '有人持械斗殴苗头', location: point })
    ).json();
    const res = await t.as(officer, {
      method: 'POST',
      url: `/api/hazards/${h.id}/incident`,
      payload: { category: '治安', priority: 2 },
    });
    expect(res.statusCode, res.body).toBe(201);
    const incident = res.json().incident;
    expect(incident.number).toBeTruthy();
    const i = (await t.as(dispatcher, { method: 'GET', url: `/api/incidents/${incident.id}` })).json();
    expect(i.source).toBe('grid');
    expect(i.timeline.find((e: { kind: string }) => e.kind === 'from-hazard')?.detail).toMatchObject({
      hazardId: h.id,
    });
    expect(
      (
        await t.as(officer, {
          method: 'POST',
          url: `/api/hazards/${h.id}/incident`,
          payload: { category: '治安' },
        })
      ).statusCode,
    ).toBe(409);
  });

  it('hands a 110 call that is not police business to the grid centre; its closing shows on the incident', async () => {
    const created = await t.as(dispatcher, {
      method: 'POST',
      url: '/api/incidents',
      payload: {
        source: '110',
        category: '刑事',
        priority: 3,
        description: '邻居装修噪音扰民',
        location: point,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const incidentId = created.json().id;
    const url = `/api/incidents/${incidentId}/grid-case`;
    expect((await t.as(officer, { method: 'POST', url, payload: {} })).statusCode).toBe(403);
    const res = await t.as(dispatcher, { method: 'POST', url, payload: { note: '非警务，转网格' } });
    expect(res.statusCode, res.body).toBe(201);
    const gc = res.json();
    expect(gc).toMatchObject({
      kind: 'referred-call',
      status: 'registered',
      fromIncident: { id: incidentId },
    });
    expect((await t.as(dispatcher, { method: 'POST', url, payload: {} })).statusCode).toBe(409);
    await step(officer, gc.id, { action: 'dispatch', unit: { kind: 'station', orgId: stationId } });
    await step(grid, gc.id, { action: 'start' });
    await step(grid, gc.id, { action: 'report-back' });
    await step(officer, gc.id, { action: 'verify' });
    await step(officer, gc.id, { action: 'close', note: '已调解' });
    const i = (await t.as(dispatcher, { method: 'GET', url: `/api/incidents/${incidentId}` })).json();
    const kinds = i.timeline.map((e: { kind: string }) => e.kind);
    expect(kinds).toContain('grid-case');
    expect(kinds).toContain('grid-case-closed');
  });

  it('warns before the deadline, escalates to the station past it and to the county later, once each', async () => {
    const h = (await report(grid, { kind: 'fire', description: '加油站旁违规烧荒', location: point })).json();
    await step(officer, h.id, { action: 'register' });
    const sweep = () => t.services.hazards.sweep('350526');
    // Days pass: sessions idle out, so each look signs in again.
    const level = async () =>
      (
        await t.as(await t.login('officer-yangmei'), { method: 'GET', url: `/api/hazards/${h.id}` })
      ).json() as {
        overdue: string;
        escalatedTo: { id: string } | null;
        timeline: { kind: string }[];
      };
    clock.advance(2.5 * DAY);
    await sweep();
    expect((await level()).overdue).toBe('warning');
    clock.advance(0.6 * DAY);
    await sweep();
    await sweep();
    const overdue = await level();
    expect(overdue.overdue).toBe('overdue');
    expect(overdue.escalatedTo?.id).toBe(stationId);
    clock.advance(2 * DAY);
    await sweep();
    const escalated = await level();
    expect(escalated.overdue).toBe('escalated');
    expect(escalated.timeline.filter((e) => e.kind === 'overdue')).toHaveLength(3);
    const county = await t.login('dispatcher');
    const overdueList = (await t.as(county, { method: 'GET', url: '/api/hazards?overdue=true' })).json();
    expect(overdueList.items.map((i: { id: string }) => i.id)).toContain(h.id);
  });

  it('lets the commander change the deadline of a kind', async () => {
    const res = await t.as(await t.login('commander'), {
      method: 'PUT',
      url: '/api/hazards/deadlines',
      payload: { days: { traffic: 5 } },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().days).toMatchObject({ traffic: 5, fire: 3, other: 7 });
  });
});
