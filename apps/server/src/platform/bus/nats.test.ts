import { randomBytes } from 'node:crypto';
import { connect } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { natsUrl, requires, testDatabaseUrl } from '../../../../../test/support/env.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import { openSocket } from '../../../../../test/support/ws.ts';
import { buildDehuaDemo } from '../../demo/dehua.ts';
import type { Database } from '../db/database.ts';

const available =
  requires('NATS (NATS_URL)', Boolean(natsUrl)) &&
  requires('PostgreSQL (TEST_DATABASE_URL)', Boolean(testDatabaseUrl));

/** Two server instances on one PostgreSQL and one NATS: what one commits, the other's browsers see. */
describe.runIf(available)('two instances share events through NATS JetStream', () => {
  const stream = `RONGHUI_TEST_${randomBytes(4).toString('hex').toUpperCase()}`;
  let database: Database;
  let second: Database;
  let a: TestApp;
  let b: TestApp;
  let urlA: string;
  let urlB: string;

  beforeAll(async () => {
    database = await openTestDatabase('postgres', { demo: true });
    // The second instance gets its own connection pool on the same schema.
    const { openPostgres } = await import('../db/database.ts');
    const schema = (
      await database.db
        .selectNoFrom((eb) => eb.fn<string>('current_schema', []).as('s'))
        .executeTakeFirstOrThrow()
    ).s;
    second = openPostgres(testDatabaseUrl!, schema);
    const env = { NATS_URL: natsUrl! };
    const servicesA = await testServices(database, { env, natsStream: stream });
    const servicesB = await testServices(second, { env, natsStream: stream });
    await servicesA.bus.start();
    await servicesB.bus.start();
    a = await testApp(servicesA);
    b = await testApp(servicesB);
    urlA = await a.app.listen({ port: 0, host: '127.0.0.1' });
    urlB = await b.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await a?.services.bus.close();
    await b?.services.bus.close();
    await second?.close();
    await database?.close();
    const nc = await connect({ servers: natsUrl });
    await (await nc.jetstreamManager()).streams.delete(stream).catch(() => {});
    await nc.close();
  });

  it('a change made through instance A reaches WebSocket clients of instance B (and A), once each', async () => {
    expect(a.services.bus.kind).toBe('nats');
    const onB = await openSocket(urlB, await b.login('security-admin'));
    const onA = await openSocket(urlA, await a.login('system-admin'));
    for (const s of [onA, onB]) {
      s.send({ type: 'subscribe', topics: ['user.*'] });
      await s.waitFor((m) => m.type === 'subscribed');
    }
    const admin = await a.login('system-admin');
    const tree = (await a.as(admin, { method: 'GET', url: '/api/orgs/tree' })).json();
    const created = await a.as(admin, {
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'nats.check',
        displayName: '跨实例',
        password: 'Strong-pass-2026',
        roles: ['analyst'],
        orgId: tree.id,
      },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const match = (m: { topic?: string; payload?: unknown }) =>
      m.topic === 'user.changed' && (m.payload as { userId: string }).userId === id;
    await onB.waitFor(match);
    await onA.waitFor(match);
    await new Promise((r) => setTimeout(r, 500));
    expect(onB.messages.filter(match)).toHaveLength(1);
    expect(onA.messages.filter(match)).toHaveLength(1);
    onA.close();
    onB.close();
  });

  it('positions reported to instance B reach WebSocket clients of instance A at once, without the outbox', async () => {
    const onA = await openSocket(urlA, await a.login('dispatcher'));
    onA.send({ type: 'subscribe', topics: ['unit.positions'] });
    await onA.waitFor((m) => m.type === 'subscribed');
    const officer = await b.login('officer-yangmei');
    const unit = (await b.as(officer, { method: 'GET', url: '/api/units' })).json().items[0];
    const outboxBefore = await database.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await b.as(officer, {
      method: 'POST',
      url: '/api/avl',
      payload: { positions: [{ unitId: unit.id, lon: 118.0421, lat: 25.7021, heading: 45 }] },
    });
    expect(res.statusCode).toBe(200);
    const match = (m: { topic?: string; payload?: unknown }) =>
      m.topic === 'unit.positions' &&
      (m.payload as { positions: { unitId: string; lon: number }[] }).positions.some(
        (p) => p.unitId === unit.id && p.lon === 118.0421,
      );
    await onA.waitFor(match);
    await new Promise((r) => setTimeout(r, 300));
    expect(onA.messages.filter(match)).toHaveLength(1);
    const outboxAfter = await database.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(outboxAfter.n)).toBe(Number(outboxBefore.n));
    onA.close();
  });

  it('a road closed through instance A is routed around by instance B, and reopened on both', async () => {
    const onA = await a.login('dispatcher');
    const onB = await b.login('dispatcher');
    const demo = buildDehuaDemo();
    const from = demo.tenant.countyTown.join(',');
    const to = demo.townships.find((t) => t.name === '葛坑镇')!.seat.join(',');
    const routeOnB = async () =>
      (await b.as(onB, { method: 'GET', url: `/api/routing/route?from=${from}&to=${to}` })).json() as {
        durationSeconds: number;
        avoided: { id: string }[];
        geometry: { coordinates: [number, number][] };
      };
    const free = await routeOnB();
    const center = free.geometry.coordinates[Math.floor(free.geometry.coordinates.length / 2)]!;
    const created = await a.as(onA, {
      method: 'POST',
      url: '/api/routing/closures',
      payload: {
        cause: 'landslide',
        note: '跨实例封路',
        place: { kind: 'circle', center, radiusMeters: 30 },
      },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const until = async (check: () => Promise<boolean>) => {
      for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 100));
      expect(await check()).toBe(true);
    };
    await until(async () => (await routeOnB()).avoided.some((c) => c.id === id));
    expect((await routeOnB()).durationSeconds).toBeGreaterThan(free.durationSeconds);
    expect((await a.as(onA, { method: 'DELETE', url: `/api/routing/closures/${id}` })).statusCode).toBe(204);
    await until(async () => (await routeOnB()).avoided.length === 0);
    expect((await routeOnB()).durationSeconds).toBe(free.durationSeconds);
  });
});
