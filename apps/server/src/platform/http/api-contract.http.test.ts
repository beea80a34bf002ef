import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import type { Database } from '../db/database.ts';

/**
 * The API contract holds for every route: each JSON route declares its response schema (from
 * `@ronghui/contracts`), so `/api/docs` documents every answer and answers are serialised by schema; every
 * field name in a documented body, query or response is camelCase.
 */
describe('API contract', () => {
  let database: Database;
  let t: TestApp;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    t = await testApp(await testServices(database));
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  const apiRoutes = () =>
    t.app.routeTable.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && !r.hidden);

  it('every JSON route declares a 2xx response schema; other routes say what they produce', () => {
    const missing = apiRoutes()
      .filter((r) => !r.websocket)
      .filter((r) => {
        const json = r.responseStatuses.some((s) => /^2/.test(s));
        const other = r.produces.some((type) => type !== 'application/json');
        return !json && !other;
      })
      .map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
  });

  it('the OpenAPI document has a response for every route', () => {
    const doc = t.app.swagger() as { paths: Record<string, Record<string, { responses?: object }>> };
    const undocumented: string[] = [];
    for (const route of apiRoutes().filter((r) => !r.websocket)) {
      const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
      const op = doc.paths[path]?.[route.method.toLowerCase()];
      const codes = Object.keys(op?.responses ?? {}).filter((c) => /^2/.test(c));
      if (codes.length === 0) undocumented.push(`${route.method} ${route.url}`);
    }
    expect(undocumented).toEqual([]);
  });

  it('every documented field name is camelCase', () => {
    const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const camel = /^[a-z][a-zA-Z0-9]*$/;
    const bad = new Set<string>();
    const walk = (node: unknown, where: string) => {
      if (Array.isArray(node)) {
        for (const n of node) walk(n, where);
        return;
      }
      if (!node || typeof node !== 'object') return;
      const o = node as Record<string, unknown>;
      if (o.properties && typeof o.properties === 'object') {
        for (const name of Object.keys(o.properties)) if (!camel.test(name)) bad.add(`${where}: ${name}`);
      }
      // Query and path parameters.
      if (typeof o.in === 'string' && typeof o.name === 'string' && o.in !== 'header' && !camel.test(o.name))
        bad.add(`${where}: ${o.in} parameter ${o.name}`);
      for (const value of Object.values(o)) walk(value, where);
    };
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) walk(op, `${method.toUpperCase()} ${path}`);
    }
    expect([...bad]).toEqual([]);
  });
});
