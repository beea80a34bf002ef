import type { RoleKey } from '@ronghui/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../apps/server/src/platform/db/database.ts';
import { openTestDatabase, testServices } from '../support/db.ts';
import { type TestApp, testApp } from '../support/http.ts';
import { ALL, ROUTE_ACCESS } from './access-matrix.ts';
import { type SampleRequest, sampleRequest } from '../support/openapi-sample.ts';

/** Bodies the generated sample cannot guess (a route that needs at least one field, say). */
const SAMPLE_BODY: Record<string, unknown> = {
  'PATCH /api/cameras/:id': { name: '测试' },
  'POST /api/services/follow-ups/:id/steps': { step: 'callback', note: '已回访' },
};

/**
 * The role × route matrix (`access-matrix.ts`) holds: every route the server has is listed, and each of the
 * 13 roles (the demo account of that role) gets exactly its answer. A listed role is not refused (whatever
 * else the answer is: 200, 400 for a sample input, 404 for an id that does not exist), an unlisted one gets
 * 403, and nobody signed out gets past 401. Inputs pass the route's schemas (`sample-input.ts`), so what
 * answers is the route's own logic.
 */
describe('role × route matrix', () => {
  let database: Database;
  let t: TestApp;
  let doc: Parameters<typeof sampleRequest>[0];
  const cookies = new Map<RoleKey, string>();

  beforeAll(async () => {
    database = await openTestDatabase('pglite', { demo: true });
    t = await testApp(await testServices(database));
    doc = t.app.swagger() as typeof doc;
    // The demo has one account per role, named after it.
    for (const role of ALL) cookies.set(role, await t.login(role));
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  const routes = () =>
    t.app.routeTable
      .filter((r) => r.url.startsWith('/api/') && !r.hidden && !r.websocket)
      .map((r) => `${r.method} ${r.url}`);

  function request(route: string): SampleRequest {
    const [method, url] = route.split(' ') as [string, string];
    const req = sampleRequest(doc, method, url);
    if (route in SAMPLE_BODY) req.payload = JSON.stringify(SAMPLE_BODY[route]);
    return req;
  }

  it('lists every route of the API, and only those', () => {
    expect(Object.keys(ROUTE_ACCESS).sort()).toEqual(routes().sort());
  });

  it('refuses each role exactly the routes the matrix does not give it', async () => {
    const wrong: string[] = [];
    for (const route of routes()) {
      if (route === 'POST /api/auth/logout') continue; // ends the session: checked on its own below
      const access = ROUTE_ACCESS[route];
      if (!access) continue;
      const anon = request(route);
      const anonymous = await t.app.inject({ ...anon, method: anon.method as 'GET' });
      if (access === 'anyone') {
        if (anonymous.statusCode === 403) wrong.push(`${route} anonymous: 403`);
      } else if (anonymous.statusCode !== 401) {
        wrong.push(`${route} anonymous: ${anonymous.statusCode}, expected 401`);
      } else {
        // Refused before its input is read: a body that is not even JSON still gets 401, not 400.
        const garbled = await t.app.inject({
          method: anon.method as 'GET',
          url: anon.url,
          headers: { 'content-type': 'application/json' },
          ...(anon.method === 'GET' || anon.method === 'DELETE' ? {} : { payload: '{"not json' }),
        });
        if (garbled.statusCode !== 401)
          wrong.push(`${route} anonymous, garbled: ${garbled.statusCode}, expected 401`);
      }
      for (const role of ALL) {
        const req = request(route);
        const res = await t.as(cookies.get(role)!, { ...req, method: req.method as 'GET' });
        const allowed = access === 'anyone' || access === 'signed-in' || access.includes(role);
        if (res.statusCode >= 500)
          wrong.push(`${route} ${role}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        else if (allowed && (res.statusCode === 403 || (res.statusCode === 401 && access !== 'anyone')))
          wrong.push(`${route} ${role}: refused (${res.statusCode}) but the matrix allows it`);
        else if (!allowed && res.statusCode !== 403)
          wrong.push(`${route} ${role}: ${res.statusCode}, the matrix refuses it (403)`);
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);

  it('lets every role sign out, and a signed-out session is refused', async () => {
    for (const role of ALL) {
      const cookie = await t.login(role);
      const out = await t.as(cookie, { method: 'POST', url: '/api/auth/logout' });
      expect(out.statusCode, role).toBeLessThan(300);
      expect((await t.as(cookie, { method: 'GET', url: '/api/auth/me' })).statusCode, role).toBe(401);
    }
  });
});
