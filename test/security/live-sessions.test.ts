import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../apps/server/src/platform/clock.ts';
import type { Database } from '../../apps/server/src/platform/db/database.ts';
import { openTestDatabase, testServices } from '../support/db.ts';
import { type TestApp, testApp } from '../support/http.ts';
import { openSocket, type TestSocket } from '../support/ws.ts';

/** A live socket never outlives its session: sign-out, idle timeout, a disabled account, changed roles. */
describe('live channel sockets end with their sessions', () => {
  let database: Database;
  let t: TestApp;
  let url: string;
  const clock = manualClock(new Date());
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    database = await openTestDatabase('pglite', { demo: true });
    const services = await testServices(database, { clock });
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

  async function socket(cookie: string) {
    const s = await openSocket(url, cookie);
    sockets.push(s);
    return s;
  }
  const stillOpen = async (s: TestSocket) => {
    s.send({ type: 'ping' });
    await s.waitFor((m) => m.type === 'pong');
  };
  async function userId(username: string): Promise<string> {
    const admin = await t.login('system-admin');
    const list = await t.as(admin, { method: 'GET', url: `/api/users?q=${username}` });
    return (list.json().items as { id: string; username: string }[]).find((u) => u.username === username)!.id;
  }

  it('closes the socket of a session that signs out (4401), not the same user’s other session', async () => {
    const first = await t.login('officer-meihu');
    const second = await t.login('officer-meihu');
    const a = await socket(first);
    const b = await socket(second);
    await t.as(first, { method: 'POST', url: '/api/auth/logout' });
    expect((await a.closed).code).toBe(4401);
    await stillOpen(b);
    await t.as(second, { method: 'POST', url: '/api/auth/logout', payload: { everywhere: true } });
    expect((await b.closed).code).toBe(4401);
  });

  it('closes every socket of an account that is disabled', async () => {
    const s = await socket(await t.login('officer-gaide'));
    const admin = await t.login('system-admin');
    const res = await t.as(admin, {
      method: 'PATCH',
      url: `/api/users/${await userId('officer-gaide')}`,
      payload: { status: 'disabled' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await s.closed).code).toBe(4401);
  });

  it('disconnects a user whose roles change (4403), to reconnect under the new access', async () => {
    const s = await socket(await t.login('officer-chishui'));
    const admin = await t.login('system-admin');
    const res = await t.as(admin, {
      method: 'PATCH',
      url: `/api/users/${await userId('officer-chishui')}`,
      payload: { roles: ['auxiliary'] },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await s.closed).code).toBe(4403);
  });

  it('closes an idle session at the next check, and a live one stays', async () => {
    const idleCookie = await t.login('officer-shuikou');
    const idle = await socket(idleCookie);
    const busyCookie = await t.login('officer-nancheng');
    const busy = await socket(busyCookie);
    const idleMinutes = t.services.config.SESSION_IDLE_MINUTES;
    clock.advance((idleMinutes - 1) * 60_000);
    await t.as(busyCookie, { method: 'GET', url: '/api/auth/me' });
    clock.advance(2 * 60_000);
    await t.services.hub.revalidate();
    expect((await idle.closed).code).toBe(4401);
    await stillOpen(busy);
  });
});
