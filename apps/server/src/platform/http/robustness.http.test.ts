import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import type { Database } from '../db/database.ts';

/**
 * Every route, fed garbage: malformed JSON, wrong types, unknown fields, oversized bodies and bad ids.
 * The answer must be a 4xx problem+json, never a 500, for a signed-in administrator and for nobody.
 */
describe.each(databaseKinds())('every route refuses bad input with 4xx (%s)', (kind) => {
  let database: Database;
  let t: TestApp;
  let cookies: string[];

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    t = await testApp(await testServices(database));
    cookies = ['', await t.login('system-admin'), await t.login('auditor')];
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  const badIds = [
    'not-a-uuid',
    "1';DROP TABLE users;--",
    '%00',
    'x'.repeat(300),
    '00000000-0000-4000-8000-000000000000',
  ];
  const bodies: { name: string; payload: string; contentType: string }[] = [
    { name: 'malformed JSON', payload: '{"username": "a", ', contentType: 'application/json' },
    { name: 'a JSON array', payload: '[1,2,3]', contentType: 'application/json' },
    { name: 'a JSON string', payload: '"hello"', contentType: 'application/json' },
    { name: 'null', payload: 'null', contentType: 'application/json' },
    {
      name: 'wrong types',
      payload: JSON.stringify({
        username: 42,
        password: [],
        roles: 'all',
        orgId: {},
        displayName: null,
        status: 7,
        name: 5,
        ttlDays: 'x',
      }),
      contentType: 'application/json',
    },
    {
      name: 'unknown fields',
      payload: JSON.stringify({ username: 'abc', password: 'x', evil: true, __proto__: { admin: true } }),
      contentType: 'application/json',
    },
    {
      name: 'an oversized body',
      payload: JSON.stringify({ blob: 'x'.repeat(2_000_000) }),
      contentType: 'application/json',
    },
    { name: 'form data', payload: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
  ];

  it('has routes to probe', () => {
    expect(t.app.routeTable.filter((r) => r.url.startsWith('/api/')).length).toBeGreaterThanOrEqual(12);
  });

  it('never answers 500', async () => {
    const failures: string[] = [];
    const routes = t.app.routeTable.filter(
      (r) =>
        r.url.startsWith('/api/') &&
        !r.url.startsWith('/api/docs') &&
        r.url !== '/api/ws' &&
        // Signing out takes no input worth probing, and would end the session the other probes use.
        r.url !== '/api/auth/logout',
    );
    for (const route of routes) {
      const urls = route.url.includes(':')
        ? badIds.map((id) => route.url.replace(/:[a-zA-Z]+/g, encodeURIComponent(id)))
        : [route.url];
      for (const cookie of cookies) {
        for (const url of urls) {
          const probes =
            route.method === 'GET' || route.method === 'DELETE'
              ? [
                  {
                    name: 'junk query',
                    url: `${url}?page=-1&pageSize=abc&kinds=%00&from=yesterday&unknown=1`,
                  },
                ]
              : bodies.map((b) => ({ ...b, url }));
          for (const probe of probes) {
            const res = await t.app.inject({
              method: route.method as 'GET',
              url: probe.url,
              headers: { cookie, ...('contentType' in probe ? { 'content-type': probe.contentType } : {}) },
              ...('payload' in probe ? { payload: probe.payload } : {}),
            });
            const label = `${route.method} ${route.url} ${probe.name} as ${cookie ? 'user' : 'anonymous'} → ${res.statusCode}`;
            // A GET may ignore query parameters it does not use (health); a write must refuse garbage.
            const tolerated = probe.name === 'junk query' && res.statusCode < 400;
            if (res.statusCode >= 500 || (res.statusCode < 400 && !tolerated))
              failures.push(`${label}: ${res.body.slice(0, 200)}`);
            else if (tolerated) continue;
            else if (!String(res.headers['content-type']).includes('application/problem+json'))
              failures.push(`${label}: not problem+json`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('names the offending field in validation errors', async () => {
    const res = await t.as(cookies[1]!, {
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'ok.name',
        displayName: 'x',
        password: 'Strong-pass-1',
        roles: ['officer'],
        orgId: 'x',
        extra: 1,
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      type: 'urn:ronghui:problem:validation',
      title: 'Invalid request',
      status: 400,
    });
    expect(res.json().errors[0].path).toBe('body');
    expect(res.json().detail).toMatch(/extra/);
  });

  it('answers unknown routes with a 404 problem', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().detail).toContain('/api/nothing-here');
  });
});
