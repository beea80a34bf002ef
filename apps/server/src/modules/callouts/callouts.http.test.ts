import { haversine } from '@ronghui/geo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import { addTestVolunteers } from '../../../../../test/support/volunteers.ts';
import type { Services } from '../../main.ts';
import { manualClock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';

const CALLER_PHONE = '13906661234';
const CALLER_NAME = '陈来电';

/** 一呼百应 through HTTP: road-ETA order, rings, answers, filled, expiry, scope and what volunteers see. */
describe.each(databaseKinds())('call-outs (%s)', (kind) => {
  let database: Database;
  let services: Services;
  let t: TestApp;
  const clock = manualClock(new Date('2026-12-06T02:00:00Z'));
  let dispatcher: string;
  let incidentId: string;
  let target: { lon: number; lat: number };
  /** Closer in a straight line but farther by road, and the other way round. */
  let straightNear: [number, number];
  let roadNear: [number, number];
  const phones = new Map<string, string>();

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    services = await testServices(database, { clock, env: { CALLOUT_WIDEN_SECONDS: '60' } });
    t = await testApp(services);
    dispatcher = await t.login('dispatcher');
    const res = await t.as(dispatcher, {
      method: 'POST',
      url: '/api/incidents',
      payload: {
        source: '110',
        category: '纠纷',
        priority: 2,
        description: '曾坂古村落有人落水，报警人在村口等候',
        address: '上涌镇曾坂村',
        caller: { name: CALLER_NAME, phone: CALLER_PHONE },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    incidentId = res.json().id;
    target = { lon: res.json().location.lon, lat: res.json().location.lat };
    // Points around the village on the road network: find two whose straight-line and road order differ.
    const ring: [number, number][] = [];
    for (let dx = -12; dx <= 12; dx++)
      for (let dy = -12; dy <= 12; dy++) ring.push([target.lon + dx * 0.0015, target.lat + dy * 0.0015]);
    const times = services.routing.travelTimes('350526', ring, [target.lon, target.lat], false);
    const ok = ring
      .map((p, i) => ({ p, eta: times[i]!.etaS, d: haversine(p, [target.lon, target.lat]) }))
      .filter((x) => Number.isFinite(x.eta) && x.eta > 5 && x.eta < 700)
      .sort((x, y) => x.eta - y.eta);
    let pair: [(typeof ok)[number], (typeof ok)[number]] | undefined;
    for (const a of ok)
      for (const b of ok) if (!pair && a.d < b.d - 100 && a.eta > b.eta + 20 && a.eta < 400) pair = [a, b];
    expect(pair, 'a pair of places whose road and straight-line order differ').toBeDefined();
    straightNear = pair![0].p;
    roadNear = pair![1].p;
    const farther = ok.filter((x) => x.eta > pair![0].eta + 20);
    expect(farther.length).toBeGreaterThan(1);
    // The demo's own volunteers near 曾坂 go off duty: the test places its own.
    await database.db.updateTable('volunteer_members').set({ on_duty: false }).execute();
    const made = await addTestVolunteers(
      database.db,
      services.fieldCrypto,
      '350526',
      [
        { username: 'vol-straight', lon: straightNear[0], lat: straightNear[1] },
        { username: 'vol-road', lon: roadNear[0], lat: roadNear[1] },
        { username: 'vol-third', lon: farther[0]!.p[0], lat: farther[0]!.p[1] },
        { username: 'vol-fourth', lon: farther[1]!.p[0], lat: farther[1]!.p[1] },
        // Right at the place, but off duty / unvetted: never alerted.
        { username: 'vol-off', lon: target.lon, lat: target.lat, onDuty: false },
        { username: 'vol-unvetted', lon: target.lon, lat: target.lat, vetting: 'unvetted' },
        { username: 'vol-noconsent', lon: target.lon, lat: target.lat, consent: false, noPosition: true },
      ],
      res.json().station.id,
    );
    for (const v of made) phones.set(v.username, await t.login(v.username));
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  const as = (who: string) => phones.get(who) ?? who;
  /** Sessions end after idling: sign in again after moving the clock far. */
  const relogin = async () => {
    dispatcher = await t.login('dispatcher');
    for (const who of phones.keys()) phones.set(who, await t.login(who));
  };
  let calloutId: string;

  it('alerts the nearest by road ETA, not in a straight line, and leaves the off-duty and unvetted out', async () => {
    const res = await t.as(dispatcher, {
      method: 'POST',
      url: `/api/incidents/${incidentId}/callouts`,
      payload: { needed: 3 },
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    calloutId = c.id;
    expect(c).toMatchObject({ status: 'open', needed: 3, accepted: 0, setting: 'rural' });
    expect(c.candidates).toHaveLength(3);
    const etas = c.candidates.map((x: { etaSeconds: number }) => x.etaSeconds);
    expect(etas).toEqual([...etas].sort((a, b) => a - b));
    const ids = c.candidates.map((x: { volunteerId: string }) => x.volunteerId);
    const member = async (username: string) =>
      (
        await database.db
          .selectFrom('volunteer_members as m')
          .innerJoin('users as u', 'u.id', 'm.user_id')
          .select('m.id')
          .where('u.username', '=', username)
          .executeTakeFirstOrThrow()
      ).id;
    // Both alerted, and the road-near one before the one nearer in a straight line.
    expect(ids).toContain(await member('vol-road'));
    expect(ids).toContain(await member('vol-straight'));
    expect(ids.indexOf(await member('vol-road'))).toBeLessThan(ids.indexOf(await member('vol-straight')));
    expect(ids).not.toContain(await member('vol-off'));
    expect(ids).not.toContain(await member('vol-unvetted'));
    expect(ids).not.toContain(await member('vol-fourth'));
    const timeline = (await t.as(dispatcher, { method: 'GET', url: `/api/incidents/${incidentId}` })).json()
      .timeline as { kind: string }[];
    expect(timeline.map((e) => e.kind)).toContain('callout');
  });

  it('shows a volunteer only the kind, rough place and distance before accepting; never the caller', async () => {
    const res = await t.as(as('vol-road'), { method: 'GET', url: '/api/callouts/mine' });
    expect(res.statusCode, res.body).toBe(200);
    const [mine] = res.json().items;
    expect(mine).toMatchObject({
      id: calloutId,
      state: 'alerted',
      address: null,
      description: null,
      location: null,
    });
    expect(mine.place).toBe('曾坂村委会');
    expect(res.body).not.toContain(CALLER_PHONE);
    expect(res.body).not.toContain(CALLER_NAME);
    expect(res.body).not.toContain('caller');
    expect(res.body).not.toContain('落水');
    // Not alerted: nothing.
    expect((await t.as(as('vol-fourth'), { method: 'GET', url: '/api/callouts/mine' })).json().items).toEqual(
      [],
    );
    expect(
      (await t.as(as('vol-fourth'), { method: 'POST', url: `/api/callouts/${calloutId}/accept` })).statusCode,
    ).toBe(404);
  });

  it('widens to the next volunteers when not enough accept in time', async () => {
    clock.advance(61_000);
    expect(await services.callouts.sweep('350526')).toBe(1);
    const c = (await t.as(dispatcher, { method: 'GET', url: `/api/callouts/${calloutId}` })).json();
    expect(c.candidates.length).toBe(4);
    expect(
      (await t.as(as('vol-fourth'), { method: 'GET', url: '/api/callouts/mine' })).json().items,
    ).toHaveLength(1);
  });

  it('stops once N accept; the next is told it is filled (409); the accepted see the address', async () => {
    for (const who of ['vol-road', 'vol-straight', 'vol-third']) {
      const res = await t.as(as(who), { method: 'POST', url: `/api/callouts/${calloutId}/accept` });
      expect(res.statusCode, `${who}: ${res.body}`).toBe(200);
      expect(res.json()).toMatchObject({
        state: 'accepted',
        description: '曾坂古村落有人落水，报警人在村口等候',
      });
      expect(res.json().address).toContain('曾坂');
      expect(res.body).not.toContain(CALLER_PHONE);
    }
    const late = await t.as(as('vol-fourth'), { method: 'POST', url: `/api/callouts/${calloutId}/accept` });
    expect(late.statusCode).toBe(409);
    expect(late.headers['content-type']).toContain('application/problem+json');
    expect(late.json()).toMatchObject({ reason: 'filled', needed: 3 });
    expect(late.json().detail).toContain('filled');
    const c = (await t.as(dispatcher, { method: 'GET', url: `/api/callouts/${calloutId}` })).json();
    expect(c).toMatchObject({ status: 'filled', accepted: 3 });
    const states = c.candidates.map((x: { state: string }) => x.state).sort();
    expect(states).toEqual(['accepted', 'accepted', 'accepted', 'filled']);
    expect(c.candidates.filter((x: { position: unknown }) => x.position).length).toBe(3);
    const open = (await t.as(dispatcher, { method: 'GET', url: '/api/callouts?open=true' })).json();
    expect(open.items.map((x: { id: string }) => x.id)).not.toContain(calloutId);
    const kinds = (
      (await t.as(dispatcher, { method: 'GET', url: `/api/incidents/${incidentId}` })).json().timeline as {
        kind: string;
      }[]
    ).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['callout-widened', 'callout-accepted', 'callout-filled']));
  });

  it('keeps a call-out to its station: another station sees nothing, the incident station sees it', async () => {
    const other = await t.login('officer-yangmei');
    expect((await t.as(other, { method: 'GET', url: `/api/callouts/${calloutId}` })).statusCode).toBe(404);
    expect((await t.as(other, { method: 'GET', url: '/api/callouts' })).json().items).toEqual([]);
    const own = await t.login('officer-shangyong');
    expect((await t.as(own, { method: 'GET', url: `/api/callouts/${calloutId}` })).statusCode).toBe(200);
    // A volunteer reads no call-out list of the command room.
    expect(
      (await t.as(as('vol-road'), { method: 'GET', url: `/api/callouts/${calloutId}` })).statusCode,
    ).toBe(403);
  });

  it('expires a call-out nobody fills, and the alerted are told', async () => {
    clock.advance(31 * 60_000); // past the cooldown of the volunteers alerted above
    await relogin();
    const res = await t.as(dispatcher, {
      method: 'POST',
      url: '/api/callouts',
      payload: { needed: 2, location: target, description: '村口需要维持秩序', expiresInMinutes: 10 },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    expect(res.json().candidates.length).toBe(2);
    clock.advance(10 * 60_000);
    await services.callouts.sweep('350526');
    const c = (await t.as(dispatcher, { method: 'GET', url: `/api/callouts/${id}` })).json();
    expect(c.status).toBe('expired');
    expect(c.candidates.every((x: { state: string }) => x.state === 'expired')).toBe(true);
    const who = c.candidates[0].volunteerId;
    const late = await database.db
      .selectFrom('callout_recipients')
      .select('state')
      .where('callout_id', '=', id)
      .where('member_id', '=', who)
      .executeTakeFirstOrThrow();
    expect(late.state).toBe('expired');
  });

  it('keeps positions only on duty and with consent, naming why not', async () => {
    await relogin();
    const ok = await t.as(as('vol-road'), {
      method: 'POST',
      url: '/api/volunteers/me/position',
      payload: { lon: roadNear[0], lat: roadNear[1], accuracyM: 8 },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const off = await t.as(as('vol-off'), {
      method: 'POST',
      url: '/api/volunteers/me/position',
      payload: target,
    });
    expect(off.statusCode).toBe(409);
    expect(off.json()).toMatchObject({ reason: 'off-duty' });
    const none = await t.as(as('vol-noconsent'), {
      method: 'POST',
      url: '/api/volunteers/me/position',
      payload: target,
    });
    expect(none.statusCode).toBe(409);
    expect(none.json()).toMatchObject({ reason: 'no-consent' });
  });

  it('retries an unreachable push with backoff and reports it when given up', async () => {
    const before = await database.db
      .selectFrom('callout_deliveries')
      .select(['status', 'attempts'])
      .where('callout_id', '=', calloutId)
      .execute();
    expect(before.length).toBeGreaterThan(0);
    clock.advance(31 * 60_000);
    await relogin();
    // No browser of these volunteers is subscribed: each attempt fails, then backs off, then gives up.
    const res = await t.as(dispatcher, {
      method: 'POST',
      url: '/api/callouts',
      payload: { needed: 1, location: target, description: '协助寻找走失老人', expiresInMinutes: 120 },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    await services.callouts.deliverDue();
    const first = await database.db
      .selectFrom('callout_deliveries')
      .select(['status', 'attempts', 'next_at'])
      .where('callout_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(first).toMatchObject({ status: 'failed', attempts: 1 });
    // Not again before its backoff is over.
    await services.callouts.deliverDue();
    expect(
      (
        await database.db
          .selectFrom('callout_deliveries')
          .select('attempts')
          .where('callout_id', '=', id)
          .executeTakeFirstOrThrow()
      ).attempts,
    ).toBe(1);
    for (let i = 0; i < 6; i++) {
      clock.advance(7 * 60_000);
      await services.callouts.deliverDue();
    }
    const rows = await database.db
      .selectFrom('callout_deliveries')
      .select(['status', 'attempts', 'last_error'])
      .where('callout_id', '=', id)
      .execute();
    expect(rows).toEqual([
      { status: 'gave-up', attempts: 6, last_error: 'no browser of the volunteer took the push' },
    ]);
    await relogin();
    const kinds = (
      (await t.as(dispatcher, { method: 'GET', url: `/api/callouts/${id}` })).json().candidates[0]
        .deliveries as {
        status: string;
      }[]
    ).map((d) => d.status);
    expect(kinds).toEqual(['gave-up']);
  });

  it('refuses SMS receipts without the gateway token', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/callouts/sms-receipts',
      payload: { messageId: 'x', status: 'delivered' },
    });
    expect(res.statusCode).toBe(401);
  });

  it('shows no address, no details and no caller number before accepting; masks numbers after', async () => {
    clock.advance(31 * 60_000);
    await relogin();
    const res = await t.as(dispatcher, {
      method: 'POST',
      url: '/api/callouts',
      payload: {
        needed: 1,
        location: target,
        address: '上涌镇曾坂村古厝巷18号',
        description: '老人走失，家属电话13905551234，请协助寻找',
        skills: [],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    let alerted: string | undefined;
    for (const who of phones.keys()) {
      const mine = await t.as(as(who), { method: 'GET', url: '/api/callouts/mine' });
      const item = mine.json().items.find((x: { id: string }) => x.id === id);
      if (!item) continue;
      alerted = who;
      expect(item).toMatchObject({
        state: 'alerted',
        address: null,
        description: null,
        location: null,
        skills: [],
      });
      expect(mine.body).not.toContain('古厝巷');
      expect(mine.body).not.toContain('13905551234');
      expect(mine.body).not.toContain('走失');
      expect(item.place.length).toBeGreaterThan(0);
    }
    expect(alerted, 'one volunteer alerted').toBeDefined();
    const ok = await t.as(as(alerted!), { method: 'POST', url: `/api/callouts/${id}/accept` });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().address).toBe('上涌镇曾坂村古厝巷18号');
    expect(ok.json().description).toBe('老人走失，家属电话139****1234，请协助寻找');
    expect(ok.body).not.toContain('13905551234');
  });

  it('shows the command map on-duty consenting volunteers of its stations only, and audits the read', async () => {
    await relogin();
    const box = `${target.lon - 0.05},${target.lat - 0.05},${target.lon + 0.05},${target.lat + 0.05}`;
    const res = await t.as(dispatcher, { method: 'GET', url: `/api/volunteers/positions?bbox=${box}` });
    expect(res.statusCode, res.body).toBe(200);
    const names = res.json().items.map((v: { name: string }) => v.name);
    // The test's on-duty consenting four; not the off-duty, nor the one without consent or position.
    expect(names).toEqual(expect.arrayContaining(['测*1', '测*2', '测*3', '测*4']));
    expect(names).not.toContain('测*5');
    expect(names).not.toContain('测*7');
    expect(res.body).not.toContain('13910000000');
    const own = await t.login('officer-shangyong');
    expect(
      (await t.as(own, { method: 'GET', url: `/api/volunteers/positions?bbox=${box}` })).json().total,
    ).toBeGreaterThanOrEqual(4);
    const other = await t.login('officer-yangmei');
    const theirs = (
      await t.as(other, { method: 'GET', url: `/api/volunteers/positions?bbox=${box}` })
    ).json();
    expect(theirs.items.map((v: { name: string }) => v.name)).not.toContain('测*1');
    expect((await t.as(as('vol-road'), { method: 'GET', url: '/api/volunteers/positions' })).statusCode).toBe(
      403,
    );
    const bad = await t.as(dispatcher, {
      method: 'GET',
      url: '/api/volunteers/positions?bbox=119,25,118,26',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('bbox');
    const audited = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'volunteer.positions.read')
      .execute();
    expect(audited.length).toBeGreaterThanOrEqual(3);
  });

  it('calls volunteers without an account (nothing to push, no SMS gateway) without failing', async () => {
    clock.advance(31 * 60_000);
    await relogin();
    // The demo's members without sign-in accounts: these test volunteers lose theirs.
    await database.db
      .updateTable('volunteer_members')
      .set({ user_id: null })
      .where('created_by', '=', 'test')
      .execute();
    const res = await t.as(dispatcher, {
      method: 'POST',
      url: '/api/callouts',
      payload: { needed: 2, location: target, description: '古村落巷道需要疏导游客' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().candidates.length).toBe(2);
    const deliveries = await database.db
      .selectFrom('callout_deliveries')
      .select('id')
      .where('callout_id', '=', res.json().id)
      .execute();
    expect(deliveries).toEqual([]);
  });
});
