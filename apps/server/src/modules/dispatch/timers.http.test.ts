import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import { openSocket } from '../../../../../test/support/ws.ts';
import { manualClock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';

describe.each(databaseKinds())('incident timers and live warnings (%s)', (kind) => {
  let database: Database;
  let t: TestApp;
  let url: string;
  const clock = manualClock(new Date());

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    const services = await testServices(database, { clock });
    await services.bus.start();
    t = await testApp(services);
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await t?.close();
    await t?.services.bus.close();
    await database?.close();
  });

  it('counts down to the target, and pushes each warning once to the scope that owns the incident', async () => {
    const north = await t.login('dispatcher-north');
    const socket = await openSocket(url, north);
    socket.send({ type: 'subscribe', topics: ['incident.timer'] });
    await socket.waitFor((m) => m.type === 'subscribed');
    const xunzhong = await openSocket(url, await t.login('officer-xunzhong'));
    xunzhong.send({ type: 'subscribe', topics: ['incident.*'] });
    await xunzhong.waitFor((m) => m.type === 'subscribed');

    const created = await t.as(north, {
      method: 'POST',
      url: '/api/incidents',
      payload: {
        source: '110',
        category: '求助',
        priority: 2,
        description: '山区游客迷路',
        address: '德化县杨梅乡',
      },
    });
    const id = created.json().id;
    clock.advance(30_000);
    const early = (await t.as(north, { method: 'GET', url: `/api/incidents/${id}/timers` })).json();
    expect(early).toMatchObject({ sinceReceivedSeconds: 30, dispatchLevel: 'ok', warnings: [], units: [] });
    expect(early.arrivalCountdownSeconds).toBe(early.targetSeconds - 30);

    clock.advance(60_000);
    expect(await t.services.timers.sweep('350526')).toBe(1);
    expect(await t.services.timers.sweep('350526')).toBe(0);
    const warning = await socket.waitFor((m) => m.topic === 'incident.timer');
    expect(warning.payload).toMatchObject({
      incidentId: id,
      warning: 'dispatch-overdue',
      sinceReceivedSeconds: 90,
    });

    clock.advance(early.targetSeconds * 1000);
    expect(await t.services.timers.sweep('350526')).toBe(1);
    await socket.waitFor(
      (m) => m.topic === 'incident.timer' && (m.payload as { warning: string }).warning === 'arrival-overdue',
    );
    const detail = (
      await t.as(await t.login('dispatcher-north'), { method: 'GET', url: `/api/incidents/${id}` })
    ).json();
    expect(detail.timeline.filter((e: { kind: string }) => e.kind === 'timer-warning')).toHaveLength(2);
    expect(xunzhong.messages.filter((m) => m.topic === 'incident.timer')).toEqual([]);
    socket.close();
    xunzhong.close();
  });
});
