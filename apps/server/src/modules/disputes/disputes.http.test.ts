import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import { openSocket } from '../../../../../test/support/ws.ts';
import type { Database } from '../../platform/db/database.ts';

const chromium = existsSync('/usr/bin/chromium');

describe.each(databaseKinds())('disputes 矛盾纠纷 (%s)', (kind) => {
  let database: Database;
  let t: TestApp;
  let url: string;
  let gridWorkerGrid: string;
  let xunzhongGrid: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    const services = await testServices(database);
    await services.bus.start();
    t = await testApp(services);
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const gw = await database.db
      .selectFrom('users')
      .select('org_id')
      .where('username', '=', 'grid-worker')
      .executeTakeFirstOrThrow();
    gridWorkerGrid = gw.org_id;
    const dir = await services.orgs.directory('350526');
    xunzhongGrid = dir.ofKind('grid').find((g) => dir.get(g.parentId ?? '')?.name === '浔中派出所')!.id;
  });
  afterAll(async () => {
    await t?.close();
    await t?.services.bus.close();
    await database?.close();
  });

  const body = (gridId: string, risk = 'yellow') => ({
    kind: 'homestead',
    risk,
    description: '宅基地界址争议',
    gridId,
    parties: [
      { name: '陈大爷', phone: '13859512368', idNumber: '11010519491231002X' },
      { name: '刘大妈', phone: '13905951247' },
    ],
    mediators: [
      { name: '郑汀煌', role: 'grid-worker' },
      { name: '小陈', role: 'village-cadre' },
    ],
  });

  it('registers a dispute (201), names the bad field (400), masks the parties', async () => {
    const officer = await t.login('officer-xunzhong');
    const missing = await t.as(officer, {
      method: 'POST',
      url: '/api/disputes',
      payload: { ...body(xunzhongGrid), kind: undefined },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(missing.json().errors.map((e: { path: string }) => e.path)).toEqual([
      expect.stringMatching(/\/kind$/),
    ]);
    const badId = await t.as(officer, {
      method: 'POST',
      url: '/api/disputes',
      payload: { ...body(xunzhongGrid), parties: [{ name: '陈大爷', idNumber: '110105194912310021' }] },
    });
    expect(badId.statusCode).toBe(400);
    expect(JSON.stringify(badId.json().errors)).toContain('/parties/0/idNumber');

    const res = await t.as(officer, { method: 'POST', url: '/api/disputes', payload: body(xunzhongGrid) });
    expect(res.statusCode).toBe(201);
    const d = res.json();
    expect(d).toMatchObject({ status: 'registered', kind: 'homestead', risk: 'yellow', overdue: false });
    expect(d.station.name).toBe('浔中派出所');
    expect(d.parties[0]).toMatchObject({
      name: '陈**',
      phone: '138****2368',
      idNumber: '110105********002X',
    });
    expect(new Date(d.dueAt).getTime() - new Date(d.registeredAt).getTime()).toBe(30 * 86_400_000);
    expect(d.timeline[0].kind).toBe('registered');

    // Revealing needs a reason and is audited.
    const partyId = d.parties[0].id;
    const noReason = await t.as(officer, {
      method: 'POST',
      url: `/api/disputes/${d.id}/reveal`,
      payload: { partyId, field: 'idNumber', reason: '' },
    });
    expect(noReason.statusCode).toBe(400);
    const revealed = await t.as(officer, {
      method: 'POST',
      url: `/api/disputes/${d.id}/reveal`,
      payload: { partyId, field: 'idNumber', reason: '制作调解协议书核对身份' },
    });
    expect(revealed.json().value).toBe('11010519491231002X');
    const audited = await database.db
      .selectFrom('audit_log')
      .select(['action', 'reason'])
      .where('resource_id', '=', d.id)
      .execute();
    expect(audited).toEqual(
      expect.arrayContaining([
        { action: 'dispute.registered', reason: null },
        { action: 'personal.unmask', reason: '制作调解协议书核对身份' },
      ]),
    );
  });

  it('alerts the station at once when a red dispute is registered', async () => {
    const xunzhong = await openSocket(url, await t.login('officer-xunzhong'));
    xunzhong.send({ type: 'subscribe', topics: ['dispute.*'] });
    await xunzhong.waitFor((m) => m.type === 'subscribed');
    const yangmei = await openSocket(url, await t.login('officer'));
    yangmei.send({ type: 'subscribe', topics: ['dispute.*'] });
    await yangmei.waitFor((m) => m.type === 'subscribed');
    const res = await t.as(await t.login('officer-xunzhong'), {
      method: 'POST',
      url: '/api/disputes',
      payload: { ...body(xunzhongGrid, 'red'), kind: 'land-forest' },
    });
    expect(res.statusCode).toBe(201);
    const alert = await xunzhong.waitFor((m) => m.topic === 'dispute.alert');
    expect(alert.payload).toMatchObject({ disputeId: res.json().id, risk: 'red', kind: 'land-forest' });
    // Another station does not hear of it.
    await new Promise((r) => setTimeout(r, 300));
    expect(yangmei.messages.some((m) => m.topic === 'dispute.alert')).toBe(false);
    xunzhong.close();
    yangmei.close();
  });

  it('mediates to a signed agreement, renders its PDF (audited) and follows up', async () => {
    const gw = await t.login('grid-worker');
    const created = await t.as(gw, {
      method: 'POST',
      url: '/api/disputes',
      payload: { ...body(gridWorkerGrid), gridId: undefined },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(created.json().grid.id).toBe(gridWorkerGrid);
    const early = await t.as(gw, {
      method: 'PUT',
      url: `/api/disputes/${id}/agreement`,
      payload: { facts: 'x', responsibilities: 'y', obligations: 'z', performance: 'w' },
    });
    expect(early.statusCode).toBe(409);
    const meeting = await t.as(gw, {
      method: 'POST',
      url: `/api/disputes/${id}/meetings`,
      payload: {
        at: new Date(Date.now() - 3_600_000).toISOString(),
        place: '邻里中心警务室',
        attendees: ['陈大爷', '刘大妈', '郑汀煌', '小陈'],
        summary: '双方陈述',
        outcome: '约定现场复核',
      },
    });
    expect(meeting.statusCode).toBe(201);
    expect(meeting.json()).toMatchObject({
      status: 'mediating',
      meetings: [{ place: '邻里中心警务室', attendees: ['陈**', '刘**', '郑汀煌', '小陈'] }],
    });
    const signed = await t.as(gw, {
      method: 'PUT',
      url: `/api/disputes/${id}/agreement`,
      payload: {
        facts: '院墙越界约0.4米',
        responsibilities: '刘大妈负主要责任',
        obligations: '拆除越界院墙，按原界重砌，费用各半',
        performance: '网格员现场见证',
        performBy: '2030-06-10',
      },
    });
    expect(signed.statusCode).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'settled', agreement: { performBy: '2030-06-10' } });
    if (chromium) {
      const pdf = await t.as(gw, { method: 'GET', url: `/api/disputes/${id}/agreement.pdf` });
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.rawPayload.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);
      const read = await database.db
        .selectFrom('audit_log')
        .select('action')
        .where('resource_id', '=', id)
        .where('action', '=', 'dispute.agreement.read')
        .execute();
      expect(read).toHaveLength(1);
    }
    const visit = await t.as(gw, {
      method: 'POST',
      url: `/api/disputes/${id}/follow-ups`,
      payload: { note: '院墙已重砌，两家恢复往来' },
    });
    expect(visit.statusCode).toBe(201);
    const closed = await t.as(gw, {
      method: 'POST',
      url: `/api/disputes/${id}/status`,
      payload: { status: 'closed' },
    });
    expect(closed.json().status).toBe('closed');
    expect(closed.json().timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'registered',
      'status',
      'meeting',
      'agreement',
      'follow-up',
      'status',
    ]);
  }, 60_000);

  it('lists the disputes a grid worker mediates (mine=true), in their grid only; a meeting is kept once per key', async () => {
    const users = await database.db
      .selectFrom('users')
      .select(['id', 'username'])
      .where('username', 'in', ['grid-worker', 'officer-xunzhong'])
      .execute();
    const workerId = users.find((u) => u.username === 'grid-worker')!.id;
    const gw = await t.login('grid-worker');
    const officer = await t.login('officer-xunzhong');
    const mediatedBy = (userId: string) => [
      { name: '李秀英', role: 'grid-worker', userId },
      { name: '小陈', role: 'village-cadre' },
    ];
    const create = async (cookie: string, gridId: string, mediators: unknown) => {
      const res = await t.as(cookie, {
        method: 'POST',
        url: '/api/disputes',
        payload: { ...body(gridId), description: '邻里排水沟纠纷', mediators },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const mediated = await create(gw, gridWorkerGrid, mediatedBy(workerId));
    const notMine = await create(gw, gridWorkerGrid, body(gridWorkerGrid).mediators);
    // Another station's dispute naming the grid worker as mediator stays outside their scope.
    const foreign = await create(officer, xunzhongGrid, mediatedBy(workerId));

    const list = await t.as(gw, { method: 'GET', url: '/api/disputes?mine=true&pageSize=200' });
    expect(list.statusCode).toBe(200);
    const ids = list.json().items.map((d: { id: string }) => d.id);
    expect(ids).toContain(mediated);
    expect(ids).not.toContain(notMine);
    expect(ids).not.toContain(foreign);
    expect(list.json().total).toBe(ids.length);
    const all = await t.as(gw, { method: 'GET', url: '/api/disputes?pageSize=200&status=registered' });
    expect(all.json().items.map((d: { id: string }) => d.id)).toContain(notMine);
    // The station sees its own dispute under mine=true only when it names the officer.
    const officerMine = await t.as(officer, { method: 'GET', url: '/api/disputes?mine=true&pageSize=200' });
    expect(officerMine.json().items.map((d: { id: string }) => d.id)).not.toContain(foreign);
    expect(
      (await t.as(gw, { method: 'GET', url: `/api/disputes/${foreign}` })).statusCode,
      'another grid’s dispute',
    ).toBe(404);

    // The phone's outbox sends a meeting with its key; sent twice (the answer was lost), it is kept once.
    const meeting = {
      at: new Date(Date.now() - 3_600_000).toISOString(),
      place: '村委会调解室',
      attendees: ['陈大爷', '刘大妈', '李秀英'],
      summary: '双方同意重新疏通排水沟',
      outcome: '约定周六共同施工',
    };
    const send = () =>
      t.as(gw, {
        method: 'POST',
        url: `/api/disputes/${mediated}/meetings`,
        payload: meeting,
        headers: { 'idempotency-key': 'meeting-phone-1' },
      });
    const first = await send();
    expect(first.statusCode, first.body).toBe(201);
    const again = await send();
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const detail = (await t.as(gw, { method: 'GET', url: `/api/disputes/${mediated}` })).json();
    expect(detail.meetings).toHaveLength(1);
    expect(detail.status).toBe('mediating');
    expect(
      (await t.as(gw, { method: 'POST', url: `/api/disputes/${foreign}/meetings`, payload: meeting }))
        .statusCode,
    ).toBe(404);
  }, 60_000);

  it('scopes reads: grid worker their grid, station its own, county all, admins nothing', async () => {
    const count = async (user: string) =>
      (await t.as(await t.login(user), { method: 'GET', url: '/api/disputes/stats?year=2023' })).json();
    const county = await count('commander');
    expect(county.total).toBe(2801);
    expect(county.byRisk.red + county.byRisk.yellow + county.byRisk.blue).toBe(2801);
    expect(county.successRate).toBeGreaterThan(0.9);
    expect(county.onTimeRate).toBeGreaterThan(0.85);
    const station = await count('officer-xunzhong');
    const gridWorker = await count('grid-worker');
    expect(station.total).toBeGreaterThan(0);
    expect(station.total).toBeLessThan(county.total);
    expect(gridWorker.total).toBeLessThan(county.total);
    const mine = await t.as(await t.login('grid-worker'), {
      method: 'GET',
      url: '/api/disputes?pageSize=200',
    });
    expect(mine.json().items.every((d: { grid: { id: string } }) => d.grid.id === gridWorkerGrid)).toBe(true);
    const other = await t.as(await t.login('officer-xunzhong'), {
      method: 'GET',
      url: '/api/disputes?pageSize=1',
    });
    const foreign = other.json().items[0].id;
    expect(
      (await t.as(await t.login('grid-worker'), { method: 'GET', url: `/api/disputes/${foreign}` }))
        .statusCode,
    ).toBe(404);
    for (const admin of ['auditor', 'system-admin', 'security-admin'])
      expect((await t.as(await t.login(admin), { method: 'GET', url: '/api/disputes' })).statusCode).toBe(
        403,
      );
    const story = await t.as(await t.login('officer-xunzhong'), {
      method: 'GET',
      url: '/api/disputes?year=2023&kind=homestead&status=closed&pageSize=200',
    });
    const fh = story.json().items.find((d: { number: string }) => d.number === 'JF2023-FH001');
    const detail = (
      await t.as(await t.login('officer-xunzhong'), { method: 'GET', url: `/api/disputes/${fh.id}` })
    ).json();
    expect(detail.meetings).toHaveLength(2);
    expect(detail.mediators.map((m: { name: string }) => m.name)).toEqual(['郑汀煌', '小陈']);
    expect(detail.followUps).toHaveLength(1);
  });
});
