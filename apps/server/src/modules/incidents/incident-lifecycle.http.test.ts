import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import { systemPrincipal } from '../../platform/auth/principal.ts';
import type { Database } from '../../platform/db/database.ts';
import { eidoSchema } from './incident-eido.schema.ts';
import { appendTimelineEntry, timelineEntriesOfKind } from './index.ts';

const body = (over: object = {}) => ({
  source: '110',
  category: '入室盗窃',
  priority: 1,
  description: '村民报称家中被盗',
  address: '德化县杨梅乡杨梅村',
  caller: { name: '林阿姨', phone: '13905951234' },
  ...over,
});

describe.each(databaseKinds())('incident lifecycle, scope, merge and EIDO (%s)', (kind) => {
  let database: Database;
  let t: TestApp;
  let dispatcher: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    t = await testApp(await testServices(database));
    dispatcher = await t.login('dispatcher');
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  const create = async (over: object = {}) =>
    (await t.as(dispatcher, { method: 'POST', url: '/api/incidents', payload: body(over) })).json();
  const status = (id: string, payload: object, cookie = dispatcher) =>
    t.as(cookie, { method: 'POST', url: `/api/incidents/${id}/status`, payload });

  it('walks received → … → callback, keeping every timestamp and a timeline entry each', async () => {
    const incident = await create();
    const officer = await t.login('officer-yangmei');
    const steps: [string, object, string][] = [
      ['answered', {}, dispatcher],
      ['dispatched', {}, dispatcher],
      ['acknowledged', {}, officer],
      ['en-route', {}, officer],
      ['on-scene', { note: '已到达现场' }, officer],
      ['resolved', { disposition: 'criminal-case' }, officer],
      ['closed', {}, dispatcher],
      ['callback', { note: '回访群众满意' }, dispatcher],
    ];
    for (const [to, extra, cookie] of steps) {
      const res = await status(incident.id, { status: to, ...extra }, cookie);
      expect(res.statusCode, `${to}: ${res.body}`).toBe(200);
      expect(res.json().status).toBe(to);
    }
    const got = (await t.as(dispatcher, { method: 'GET', url: `/api/incidents/${incident.id}` })).json();
    for (const key of [
      'received',
      'answered',
      'dispatched',
      'acknowledged',
      'enRoute',
      'onScene',
      'resolved',
      'closed',
      'callback',
    ])
      expect(got.times[key], key).toBeTruthy();
    expect(got.disposition.code).toBe('criminal-case');
    expect(got.timeline.map((e: { kind: string; toStatus: string }) => e.toStatus)).toEqual([
      'received',
      ...steps.map((s) => s[0]),
    ]);
    expect(got.timeline[5]).toMatchObject({
      actor: 'officer-yangmei',
      note: '已到达现场',
      fromStatus: 'en-route',
    });
  });

  it('refuses illegal moves with 409 naming both states, and resolving without a disposition', async () => {
    const incident = await create({ category: '盗窃电动车' });
    const back = await status(incident.id, { status: 'closed' });
    expect(back.statusCode).toBe(409);
    expect(back.json().detail).toContain('"received"');
    expect(back.json().detail).toContain('"closed"');
    expect(back.json()).toMatchObject({ from: 'received', to: 'closed' });
    expect((await status(incident.id, { status: 'resolved' })).statusCode).toBe(400);
    expect((await status(incident.id, { status: 'merged' })).statusCode).toBe(409);
    const auxiliary = await t.login('auxiliary');
    expect(
      (await status(incident.id, { status: 'resolved', disposition: 'no-finding' }, auxiliary)).statusCode,
    ).toBe(403);
  });

  it('lets only one of two simultaneous moves through', async () => {
    const incident = await create({ category: '盗窃车内财物' });
    const results = await Promise.all([
      status(incident.id, { status: 'dispatched' }),
      status(incident.id, { status: 'dispatched' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const got = (await t.as(dispatcher, { method: 'GET', url: `/api/incidents/${incident.id}` })).json();
    expect(got.timeline.filter((e: { toStatus: string }) => e.toStatus === 'dispatched')).toHaveLength(1);
  });

  it('shows a station its incidents and those it is linked to, an area its area, the county all', async () => {
    const incident = await create({ category: '扒窃' });
    const see = async (user: string) => {
      const cookie = await t.login(user);
      const one = await t.as(cookie, { method: 'GET', url: `/api/incidents/${incident.id}` });
      const list = (await t.as(cookie, { method: 'GET', url: '/api/incidents?pageSize=200' })).json();
      const listed = list.items.some((i: { id: string }) => i.id === incident.id);
      expect(one.statusCode === 200, user).toBe(listed);
      return listed;
    };
    expect(await see('officer-yangmei')).toBe(true);
    expect(await see('dispatcher-north')).toBe(true);
    expect(await see('commander')).toBe(true);
    expect(await see('officer-xunzhong')).toBe(false);
    expect(await see('dispatcher-south')).toBe(false);
    const actor = systemPrincipal('350526', '350526', 'dispatch');
    const link = (orgId: string) =>
      t.services.db
        .transaction()
        .execute((trx) => t.services.incidents.linkOrg(trx, actor, incident.id, orgId, 'dispatched'));
    await link('station-350526100');
    expect(await see('officer-xunzhong')).toBe(true);
    const got = (await t.as(dispatcher, { method: 'GET', url: `/api/incidents/${incident.id}` })).json();
    expect(got.timeline.at(-1)).toMatchObject({ kind: 'org-linked', detail: { orgId: 'station-350526100' } });
    const event = await t.services.db
      .selectFrom('outbox')
      .select('org_ids')
      .where('topic', '=', 'incident.updated')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(event.org_ids).toEqual(
      expect.arrayContaining(['station-350526100', 'station-350526200', 'area-center']),
    );
    await expect(link('station-nowhere')).rejects.toThrow(/does not exist/);
  });

  it("lets another module append to an incident's timeline inside its own transaction", async () => {
    const incident = await create({ category: '盗窃' });
    const at = new Date();
    await t.services.db.transaction().execute((trx) =>
      appendTimelineEntry(trx, {
        tenantCode: '350526',
        incidentId: incident.id,
        at,
        actorId: null,
        actor: 'timer',
        kind: 'timer-warning',
        detail: { warning: 'dispatch-overdue', sinceReceivedSeconds: 200 },
      }),
    );
    const got = (await t.as(dispatcher, { method: 'GET', url: `/api/incidents/${incident.id}` })).json();
    expect(got.timeline.at(-1)).toEqual({
      at: at.toISOString(),
      actor: 'timer',
      kind: 'timer-warning',
      fromStatus: null,
      toStatus: null,
      note: null,
      detail: { warning: 'dispatch-overdue', sinceReceivedSeconds: 200 },
    });
    const sent = await timelineEntriesOfKind(t.services.db, '350526', 'timer-warning', [incident.id]);
    expect(sent).toEqual([
      { incidentId: incident.id, at, detail: { warning: 'dispatch-overdue', sinceReceivedSeconds: 200 } },
    ]);
    expect(await timelineEntriesOfKind(t.services.db, '350526', 'timer-warning', [])).toEqual([]);
  });

  it('filters the list by status, area and time, with paging', async () => {
    const a = await create({ category: '抢劫', address: '德化县葛坑镇' });
    await status(a.id, { status: 'dispatched' });
    const q = (s: string) => t.as(dispatcher, { method: 'GET', url: `/api/incidents?${s}` });
    const dispatched = (await q('status=dispatched,acknowledged&area=north&pageSize=5')).json();
    expect(dispatched.items.map((i: { id: string }) => i.id)).toContain(a.id);
    expect(dispatched.items.every((i: { status: string }) => i.status === 'dispatched')).toBe(true);
    expect((await q('area=south')).json().items.some((i: { id: string }) => i.id === a.id)).toBe(false);
    const future = (await q(`from=${encodeURIComponent('2099-01-01T00:00:00Z')}`)).json();
    expect(future).toEqual({ items: [], total: 0 });
    const page = (await q('pageSize=1&page=2')).json();
    expect(page.items.length).toBe(1);
    expect(page.total).toBeGreaterThan(1);
    expect((await q('status=lost')).statusCode).toBe(400);
    expect((await q('area=nowhere')).statusCode).toBe(400);
  });

  it('merges a duplicate into the original, audited and on both timelines', async () => {
    const original = await create({ category: '抢夺', address: '德化县桂阳乡' });
    const duplicate = await create({ category: '抢夺', address: '德化县桂阳乡' });
    expect(duplicate.possibleDuplicates.map((d: { id: string }) => d.id)).toContain(original.id);
    const merge = (id: string, into: string) =>
      t.as(dispatcher, { method: 'POST', url: `/api/incidents/${id}/merge`, payload: { into } });
    const res = await merge(duplicate.id, original.id);
    expect(res.statusCode).toBe(200);
    expect(res.json().timeline.at(-1)).toMatchObject({ kind: 'merged', detail: { from: duplicate.id } });
    const merged = (await t.as(dispatcher, { method: 'GET', url: `/api/incidents/${duplicate.id}` })).json();
    expect(merged).toMatchObject({ status: 'merged', mergedInto: original.id });
    expect((await merge(duplicate.id, original.id)).statusCode).toBe(409);
    expect((await merge(original.id, original.id)).statusCode).toBe(400);
    const audit = await t.services.audit.search({
      tenantCode: '350526',
      action: 'incident.merged-into',
      limit: 5,
      offset: 0,
    });
    expect(audit.items.some((a) => a.resourceId === duplicate.id)).toBe(true);
  });

  it('publishes incident events scoped to the station path', async () => {
    const incident = await create({ category: '诈骗' });
    await status(incident.id, { status: 'answered' });
    const rows = await t.services.db
      .selectFrom('outbox')
      .select(['topic', 'org_ids', 'payload'])
      .where('topic', 'in', ['incident.created', 'incident.updated'])
      .orderBy('id')
      .execute();
    const mine = rows.filter((r) => (r.payload as { incidentId: string }).incidentId === incident.id);
    expect(mine.map((r) => r.topic)).toEqual(['incident.created', 'incident.updated']);
    for (const r of mine)
      expect(r.org_ids).toEqual(expect.arrayContaining(['350526', 'area-north', 'station-350526200']));
  });

  it('exports a valid EIDO document: caller masked, no resources until a unit works the incident', async () => {
    const incident = await create({ category: '入户抢劫' });
    await status(incident.id, { status: 'answered', note: '报警人情绪激动' });
    const res = await t.as(dispatcher, { method: 'GET', url: `/api/incidents/${incident.id}/eido` });
    expect(res.statusCode).toBe(200);
    const doc = eidoSchema.parse(res.json());
    expect(doc.incidentComponent.incidentTrackingIdentifier).toContain(incident.number);
    expect(doc.incidentComponent.incidentTypeInternalText).toBe('刑事/侵犯财产/抢劫/入户抢劫');
    expect(doc.incidentComponent.incidentStatusCommonRegistryText).toEqual(['Pending']);
    expect(doc.callComponent[0]!.callbackNumber).toBe('139****1234');
    expect(res.body).not.toContain('13905951234');
    expect(doc.locationComponent[0]!.civicAddress).toMatchObject({ A4: '杨梅乡', A5: '杨梅村委会' });
    expect(doc.notesComponent.map((n) => n.notesText)).toEqual(['村民报称家中被盗', '报警人情绪激动']);
    expect(doc.emergencyResourceComponent).toEqual([]);
    expect(() =>
      eidoSchema.parse({
        ...doc,
        incidentComponent: { ...doc.incidentComponent, locationReference: ['urn:emergency:uid:x'] },
      }),
    ).toThrow(/dangling/);

    // A unit on its way appears as an emergency resource.
    const unit = await t.services.db
      .selectFrom('units')
      .select(['id', 'callsign'])
      .where('station_id', '=', 'station-350526200')
      .orderBy('callsign')
      .executeTakeFirstOrThrow();
    await t.services.db
      .updateTable('units')
      .set({ status: 'en-route', incident_id: incident.id })
      .where('id', '=', unit.id)
      .execute();
    const withUnit = eidoSchema.parse(
      (await t.as(dispatcher, { method: 'GET', url: `/api/incidents/${incident.id}/eido` })).json(),
    );
    expect(withUnit.emergencyResourceComponent).toEqual([
      expect.objectContaining({
        emergencyResourceIdentifier: unit.callsign,
        emergencyResourceStatusCommonRegistryText: 'Enroute',
        owningAgencyIdentifier: '350526200',
      }),
    ]);
    expect(withUnit.incidentComponent.emergencyResourceReference).toHaveLength(1);
  });

  it('keeps zones and targets per tenant, changed by the commander only', async () => {
    const officer = await t.login('officer');
    const put = (payload: object, cookie: string) =>
      t.as(cookie, { method: 'PUT', url: '/api/incidents/settings', payload });
    expect((await put({ targetSeconds: { rural: 900 } }, officer)).statusCode).toBe(403);
    expect((await create({ category: '求助' })).targetSeconds).toBe(1200);
    const commander = await t.login('commander');
    const saved = await put({ targetSeconds: { rural: 900 } }, commander);
    expect(saved.json()).toMatchObject({
      countyTownCodes: ['350526100', '350526101'],
      targetSeconds: { countyTown: 300, suburb: 600, rural: 900 },
    });
    expect(Object.keys(saved.json()).sort()).toEqual([
      'countyTownCodes',
      'countyTownRadiusMeters',
      'duplicateRadiusMeters',
      'duplicateWindowMinutes',
      'suburbRadiusMeters',
      'targetSeconds',
    ]);
    // The zone keys of the body are camelCase like every other name.
    expect((await put({ targetSeconds: { 'county-town': 240 } }, commander)).statusCode).toBe(400);
    const inverted = await put({ countyTownRadiusMeters: 5_000, suburbRadiusMeters: 4_000 }, commander);
    expect(inverted.statusCode).toBe(400);
    expect(inverted.json().errors[0].path).toBe('/suburbRadiusMeters');
    expect((await create({ category: '求助' })).targetSeconds).toBe(900);
    expect((await put({ countyTownCodes: ['350526999'] }, commander)).statusCode).toBe(400);
    const got = await t.as(officer, { method: 'GET', url: '/api/incidents/settings' });
    expect(got.json().targetSeconds.rural).toBe(900);
  });
});
