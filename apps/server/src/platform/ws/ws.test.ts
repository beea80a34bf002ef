import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import { openSocket, type TestSocket } from '../../../../../test/support/ws.ts';
import { enqueue } from '../bus/outbox.ts';
import type { Database } from '../db/database.ts';

describe.each(databaseKinds())('live channel /api/ws (%s)', (kind) => {
  let database: Database;
  let t: TestApp;
  let url: string;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    const services = await testServices(database);
    await services.bus.start();
    t = await testApp(services);
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t?.close();
    await t?.services.bus.close();
    await database?.close();
  });

  async function socketFor(username: string, topics: string[]) {
    const s = await openSocket(url, await t.login(username));
    sockets.push(s);
    s.send({ type: 'subscribe', topics });
    await s.waitFor((m) => m.type === 'subscribed');
    return s;
  }

  it('refuses a connection without a session', async () => {
    await expect(openSocket(url, '')).rejects.toThrow();
  });

  it('answers bad messages with an error naming the problem', async () => {
    const s = await socketFor('commander', ['org.*']);
    s.send({ type: 'subscribe', topics: 'all' });
    const err = await s.waitFor((m) => m.type === 'error');
    expect(JSON.stringify(err)).toMatch(/topics/);
  });

  it('delivers committed events only to users whose scope covers them', async () => {
    const commander = await socketFor('commander', ['org.*']);
    const yangmei = await socketFor('officer-yangmei', ['org.changed']);
    const xunzhong = await socketFor('officer-xunzhong', ['org.*']);
    const north = await socketFor('dispatcher-north', ['*']);
    const dir = await t.services.orgs.directory('350526');
    const station = dir.ofKind('station').find((s) => s.name === '杨梅派出所')!;
    const path = dir.pathOf(station.id);
    await database.db
      .transaction()
      .execute((trx) =>
        enqueue(trx, '350526', 'org.changed', { orgId: station.id, change: 'updated' }, path),
      );
    t.services.bus.kick();
    const match = (m: TestSocket['messages'][number]) =>
      m.type === 'event' && (m.payload as { orgId?: string }).orgId === station.id;
    await commander.waitFor(match);
    await yangmei.waitFor(match);
    await north.waitFor(match);
    await new Promise((r) => setTimeout(r, 300));
    expect(xunzhong.messages.filter(match)).toEqual([]);
  });

  it('publishes nothing from a rolled-back transaction', async () => {
    const commander = await socketFor('commander', ['org.*']);
    await expect(
      database.db.transaction().execute(async (trx) => {
        await enqueue(trx, '350526', 'org.changed', { orgId: 'rolled-back', change: 'updated' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await database.db
      .transaction()
      .execute((trx) => enqueue(trx, '350526', 'org.changed', { orgId: 'committed', change: 'updated' }));
    t.services.bus.kick();
    await commander.waitFor((m) => (m.payload as { orgId?: string } | undefined)?.orgId === 'committed');
    expect(
      commander.messages.some((m) => (m.payload as { orgId?: string } | undefined)?.orgId === 'rolled-back'),
    ).toBe(false);
  });

  it('keeps administrative events from operational users', async () => {
    const admin = await socketFor('system-admin', ['user.*']);
    const commander = await socketFor('commander', ['user.*']);
    const cookie = await t.login('system-admin');
    const list = (await t.as(cookie, { method: 'GET', url: '/api/users?q=officer-meihu' })).json();
    await t.as(cookie, { method: 'POST', url: `/api/users/${list.items[0].id}/unlock` });
    await admin.waitFor((m) => m.topic === 'user.changed');
    await new Promise((r) => setTimeout(r, 300));
    expect(commander.messages.filter((m) => m.topic === 'user.changed')).toEqual([]);
  });
});
