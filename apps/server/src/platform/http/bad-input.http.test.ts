import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import type { Database } from '../db/database.ts';
import { type JsonSchema, sampleOf } from '../../../../../test/support/openapi-sample.ts';

/**
 * Generated bad input for every route of the route table, from what each route documents in /api/docs:
 * a valid-looking request is built from the schema, then one field at a time gets a NUL, other control
 * characters, a lone surrogate, a huge string, the wrong type, an extreme number or deep nesting; whole
 * bodies nest 10,000 levels or exceed the body limit; path and query values get the same treatment. The
 * answer must be a success or a 4xx problem+json, never a 5xx, signed in (powerful users) or not.
 */

type Schema = JsonSchema;
interface Operation {
  parameters?: { in: string; name: string; schema: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

const SOME_UUID = '00000000-0000-4000-8000-000000000001';
const deep = (levels: number, open: string, close: string, inner = '1') =>
  open.repeat(levels) + inner + close.repeat(levels);

function typeOf(schema: Schema): string | undefined {
  const t = Array.isArray(schema.type) ? schema.type.find((x) => x !== 'null') : schema.type;
  if (t) return t;
  if (schema.properties) return 'object';
  if (schema.items) return 'array';
  return undefined;
}

/** A value the schema accepts (every field of the body, to vary them one by one). */
const sample = (schema: Schema, components: Record<string, Schema>) =>
  sampleOf(schema, { components, everyField: true });

/** Bad values for one field of a JSON body. */
function badValues(schema: Schema): { name: string; value: unknown }[] {
  const t = typeOf(schema);
  return [
    { name: 'NUL', value: 'a\u0000b' },
    { name: 'control characters', value: '\u0001\u0007\b\u001b\u007f\u0085\u2028\ufeff\u200e' },
    { name: 'lone surrogate', value: 'a\ud800b' },
    { name: 'huge string', value: 'x'.repeat(400_000) },
    {
      name: 'wrong type',
      value: t === 'string' ? 12_345 : t === 'object' ? 'text' : t === 'array' ? {} : 'text',
    },
    { name: 'extreme number', value: 1e308 },
    { name: 'negative number', value: -(2 ** 53) },
    { name: 'nested 60 levels', value: JSON.parse(deep(60, '{"a":', '}', '"x"')) },
    { name: 'array of objects', value: [{ a: 1 }, null, [[]]] },
  ];
}

/** Bad values for a query or path parameter (URL-encoded). */
const badParams = [
  { name: 'NUL', value: '%00' },
  { name: 'control characters', value: '%01%07%1B%7F%C2%85' },
  { name: 'lone surrogate', value: '%ED%A0%80' },
  { name: 'bad percent-encoding', value: '%E0%A4%A' },
  { name: 'huge', value: 'q'.repeat(1_900) },
  { name: 'wrong type', value: 'abc' },
  { name: 'huge number', value: '1e400' },
  { name: 'negative', value: '-99999999999999999999' },
  { name: 'empty', value: '' },
  { name: 'path traversal', value: '..%2F..%2Fetc%2Fpasswd' },
  { name: 'SQL', value: "1'%3BDROP%20TABLE%20users%3B--" },
];

interface Probe {
  name: string;
  url: string;
  payload?: string;
  contentType?: string;
}

function queryString(values: Record<string, string>): string {
  const parts = Object.entries(values).map(([k, v]) => `${k}=${v}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

function probesFor(
  method: string,
  url: string,
  op: Operation | undefined,
  components: Record<string, Schema>,
  thorough: boolean,
): Probe[] {
  const pathParams = (op?.parameters ?? []).filter((p) => p.in === 'path');
  const queryParams = (op?.parameters ?? []).filter((p) => p.in === 'query');
  const goodPath = (override?: { name: string; value: string }) =>
    url.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
      if (override?.name === name) return override.value;
      const schema = pathParams.find((p) => p.name === name)?.schema;
      return encodeURIComponent(String(schema ? sample(schema, components) : SOME_UUID));
    });
  const goodQuery: Record<string, string> = {};
  for (const p of queryParams) {
    const value = sample(p.schema, components);
    if (value !== undefined && typeof value !== 'object')
      goodQuery[p.name] = encodeURIComponent(String(value));
  }
  const probes: Probe[] = [];
  const names = [...url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
  for (const name of names)
    for (const bad of thorough ? badParams : badParams.slice(0, 4))
      probes.push({
        name: `path ${name}: ${bad.name}`,
        url: goodPath({ name, value: bad.value }) + queryString(goodQuery),
      });
  for (const p of queryParams) {
    for (const bad of thorough ? badParams : badParams.slice(0, 2))
      probes.push({
        name: `query ${p.name}: ${bad.name}`,
        url: goodPath() + queryString({ ...goodQuery, [p.name]: bad.value }),
      });
    if (thorough) {
      probes.push({
        name: `query ${p.name}: repeated`,
        url: `${goodPath()}${queryString(goodQuery)}${queryParams.length ? '&' : '?'}${p.name}=1&${p.name}=2`,
      });
    }
  }
  const target = goodPath() + queryString(goodQuery);
  probes.push({ name: 'plain', url: target });
  if (method === 'GET' || method === 'DELETE') return probes;

  const content = op?.requestBody?.content ?? {};
  if (content['text/csv']) {
    for (const [name, payload] of [
      ['CSV with NUL', 'a,b\n1,\u0000\n'],
      ['CSV with control characters', 'a,b\n\u0001,\u001b\u007f\n'],
      ['CSV of one huge cell', `a\n${'x'.repeat(2_000_000)}\n`],
      ['CSV with unbalanced quotes', 'a,b\n"1,2\n'],
    ] as const)
      probes.push({ name, url: target, payload, contentType: 'text/csv' });
  }
  const schema = content['application/json']?.schema;
  const json = (name: string, payload: string) =>
    probes.push({ name, url: target, payload, contentType: 'application/json' });
  json('array nested 10,000 levels', deep(10_000, '[', ']'));
  json('object nested 10,000 levels', deep(10_000, '{"a":', '}'));
  json('body over the limit', JSON.stringify({ blob: 'x'.repeat(1_100_000) }));
  json('NUL in a key', '{"a\\u0000":1}');
  if (!schema) return probes;
  const base = sample(schema, components);
  json('valid-looking', JSON.stringify(base));
  if (!thorough || !base || typeof base !== 'object' || Array.isArray(base)) return probes;
  const resolved = schema.$ref ? (components[schema.$ref.split('/').pop()!] ?? {}) : schema;
  for (const [field, fieldSchema] of Object.entries(resolved.properties ?? {})) {
    for (const bad of badValues(fieldSchema))
      json(`body ${field}: ${bad.name}`, JSON.stringify({ ...base, [field]: bad.value }));
    // One level down (caller.name, location.lon …).
    const inner = (base as Record<string, unknown>)[field];
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
      for (const key of Object.keys(inner))
        for (const bad of badValues({}).slice(0, 5))
          json(
            `body ${field}.${key}: ${bad.name}`,
            JSON.stringify({ ...base, [field]: { ...inner, [key]: bad.value } }),
          );
    }
  }
  return probes;
}

describe.each(databaseKinds())('generated bad input on every route (%s)', (kind) => {
  let database: Database;
  let t: TestApp;

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    t = await testApp(await testServices(database));
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  it('never answers 5xx, and every refusal is problem+json', async () => {
    const doc = t.app.swagger() as {
      paths: Record<string, Record<string, Operation>>;
      components?: { schemas?: Record<string, Schema> };
    };
    const components = doc.components?.schemas ?? {};
    const users = ['commander', 'system-admin', 'analyst', ''];
    const cookies = new Map<string, string>();
    for (const u of users) cookies.set(u, u ? await t.login(u) : '');
    const routes = t.app.routeTable.filter(
      (r) =>
        r.url.startsWith('/api/') &&
        !r.websocket &&
        // Signing out ends the session the probes use.
        r.url !== '/api/auth/logout',
    );
    expect(routes.length).toBeGreaterThan(60);
    const failures: string[] = [];
    let sent = 0;
    for (const route of routes) {
      const openapiPath = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
      const op = doc.paths[openapiPath]?.[route.method.toLowerCase()];
      for (const user of users) {
        const cookie = cookies.get(user)!;
        for (const probe of probesFor(route.method, route.url, op, components, user !== '')) {
          const res = await t.app.inject({
            method: route.method as 'GET',
            url: probe.url,
            headers: {
              ...(cookie ? { cookie } : {}),
              ...(probe.contentType ? { 'content-type': probe.contentType } : {}),
            },
            ...(probe.payload !== undefined ? { payload: probe.payload } : {}),
          });
          sent++;
          const label = `${route.method} ${route.url} [${probe.name}] as ${user || 'anonymous'} → ${res.statusCode}`;
          if (res.statusCode >= 500) failures.push(`${label}: ${res.body.slice(0, 300)}`);
          else if (
            res.statusCode >= 400 &&
            !String(res.headers['content-type']).includes('application/problem+json')
          )
            failures.push(`${label}: not problem+json: ${res.body.slice(0, 120)}`);
        }
        // A probe may have ended the session (a password change): sign in again.
        if (cookie && (await t.as(cookie, { method: 'GET', url: '/api/auth/me' })).statusCode !== 200)
          cookies.set(user, await t.login(user));
      }
    }
    expect(sent).toBeGreaterThan(3_000);
    expect(failures).toEqual([]);
  }, 900_000);
});
