import type { RoleKey, Topic } from '@ronghui/contracts';
import { topics } from '@ronghui/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue } from '../../apps/server/src/platform/bus/outbox.ts';
import type { EventMap } from '../../apps/server/src/platform/bus/events.ts';
import type { Database } from '../../apps/server/src/platform/db/database.ts';
import { openTestDatabase, testServices } from '../support/db.ts';
import { type TestApp, testApp } from '../support/http.ts';
import { openSocket, type TestSocket } from '../support/ws.ts';
import { ALL, ROUTE_ACCESS, rolesOf, TOPIC_ACCESS, TOPIC_READ_ROUTE } from './access-matrix.ts';

const TENANT = '350526';
const sorted = (roles: readonly string[]) => [...new Set(roles)].sort();

/**
 * The role × topic matrix: the live channel delivers each topic to exactly the roles that may read its
 * resource through the API, within their scope, and to nobody else.
 */
describe('role × topic matrix of the live channel', () => {
  let database: Database;
  let t: TestApp;
  let url: string;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    database = await openTestDatabase('pglite', { demo: true });
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

  async function listen(username: string): Promise<TestSocket> {
    const s = await openSocket(url, await t.login(username));
    sockets.push(s);
    s.send({ type: 'subscribe', topics: ['*'] });
    await s.waitFor((m) => m.type === 'subscribed');
    return s;
  }

  /** Publishes a marker every signed-in user receives and waits for it on each socket: all before it arrived. */
  async function drain(listeners: TestSocket[]) {
    const marker = `marker-${Math.random()}`;
    await database.db
      .transaction()
      .execute((trx) => enqueue(trx, TENANT, 'org.changed', { orgId: marker, change: 'updated' }));
    t.services.bus.kick();
    for (const s of listeners)
      await s.waitFor((m) => (m.payload as { orgId?: string } | undefined)?.orgId === marker);
  }

  const probesOf = (s: TestSocket, tag: string) =>
    s.messages
      .filter((m) => m.type === 'event' && (m.payload as { probe?: string } | undefined)?.probe === tag)
      .map((m) => m.topic as Topic);

  it('gives every topic the roles of the API route that reads its resource', () => {
    for (const topic of topics) {
      const route = TOPIC_READ_ROUTE[topic];
      expect(ROUTE_ACCESS[route], `${topic} → ${route}`).toBeDefined();
      expect(sorted(TOPIC_ACCESS[topic]), `${topic} vs ${route}`).toEqual(
        sorted(rolesOf(ROUTE_ACCESS[route]!)),
      );
    }
  });

  it('delivers each topic to exactly its roles (county-wide event, every role listening to everything)', async () => {
    const listeners = new Map<RoleKey, TestSocket>();
    for (const role of ALL) listeners.set(role, await listen(role));
    await database.db.transaction().execute(async (trx) => {
      for (const topic of topics) {
        // The hub forwards payloads as stored; a probe tag identifies this test's events.
        await enqueue(trx, TENANT, topic, { probe: 'county' } as unknown as EventMap[typeof topic]);
      }
    });
    t.services.bus.kick();
    await drain([...listeners.values()]);
    const wrong: string[] = [];
    for (const [role, s] of listeners) {
      const got = sorted(probesOf(s, 'county'));
      const expected = sorted(topics.filter((topic) => TOPIC_ACCESS[topic].includes(role)));
      if (JSON.stringify(got) !== JSON.stringify(expected))
        wrong.push(`${role}: got ${got.join(',')}; expected ${expected.join(',')}`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it("keeps a station's events from users of other stations and areas, whatever their role", async () => {
    const dir = await t.services.orgs.directory(TENANT);
    const xunzhong = dir.ofKind('station').find((s) => s.name === '浔中派出所')!;
    const outside = ['officer-yangmei', 'officer', 'auxiliary', 'grid-worker', 'volunteer'];
    const area = dir.get(xunzhong.parentId!)!;
    const otherAreaDispatchers = dir
      .ofKind('area')
      .filter((a) => a.id !== area.id)
      .map((a) => `dispatcher-${a.areaKey}`);
    const out = await Promise.all([...outside, ...otherAreaDispatchers].map(listen));
    const inside = await listen('officer-xunzhong');
    const areaDispatcher = await listen(`dispatcher-${area.areaKey}`);
    await database.db.transaction().execute(async (trx) => {
      for (const topic of topics) {
        await enqueue(
          trx,
          TENANT,
          topic,
          { probe: 'station' } as unknown as EventMap[typeof topic],
          dir.pathOf(xunzhong.id),
        );
      }
    });
    t.services.bus.kick();
    await drain([...out, inside, areaDispatcher]);
    for (const s of out) expect(probesOf(s, 'station')).toEqual([]);
    expect(sorted(probesOf(inside, 'station'))).toEqual(
      sorted(topics.filter((topic) => TOPIC_ACCESS[topic].includes('officer'))),
    );
    expect(sorted(probesOf(areaDispatcher, 'station'))).toEqual(
      sorted(topics.filter((topic) => TOPIC_ACCESS[topic].includes('dispatcher'))),
    );
  }, 120_000);

  it('tells nobody outside its scope of a real incident and the units sent to it', async () => {
    const dir = await t.services.orgs.directory(TENANT);
    const xunzhong = dir.ofKind('station').find((s) => s.name === '浔中派出所')!;
    const area = dir.get(xunzhong.parentId!)!;
    const strangers = [
      'auditor',
      'clerk',
      'staff-officer',
      'volunteer',
      'grid-worker',
      'officer-yangmei',
      ...dir
        .ofKind('area')
        .filter((a) => a.id !== area.id)
        .map((a) => `dispatcher-${a.areaKey}`),
    ];
    const out = await Promise.all(strangers.map(listen));
    const commander = await listen('commander');
    const local = await listen('officer-xunzhong');

    const dispatcher = await t.login('dispatcher');
    const created = await t.as(dispatcher, {
      method: 'POST',
      url: '/api/incidents',
      payload: {
        source: '110',
        category: '入室盗窃',
        priority: 2,
        description: '住户报称家中被盗',
        location: { lon: xunzhong.position![0], lat: xunzhong.position![1] },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const incidentId = created.json().id as string;
    const units = (
      await t.as(dispatcher, { method: 'GET', url: `/api/units?station=${xunzhong.id}&status=available` })
    ).json().items as { id: string }[];
    expect(units.length).toBeGreaterThan(0);
    const sent = await t.as(dispatcher, {
      method: 'POST',
      url: `/api/incidents/${incidentId}/dispatch`,
      payload: { unitIds: [units[0]!.id] },
    });
    expect(sent.statusCode, sent.body).toBeLessThan(300);

    const about = (m: TestSocket['messages'][number]) =>
      m.type === 'event' &&
      ((m.payload as { incidentId?: string }).incidentId === incidentId ||
        (m.payload as { unitId?: string }).unitId === units[0]!.id);
    for (const s of [commander, local]) {
      await s.waitFor((m) => about(m) && m.topic === 'incident.created');
      await s.waitFor((m) => about(m) && m.topic === 'incident.units');
      await s.waitFor((m) => about(m) && m.topic === 'unit.status');
    }
    await drain([...out, commander, local]);
    const leaked = out.flatMap((s, i) => s.messages.filter(about).map((m) => `${strangers[i]}: ${m.topic}`));
    expect(leaked).toEqual([]);
  }, 120_000);
  it('tells of a message only its sender, its addressees and the command rooms over them', async () => {
    const sender = await listen('officer-yangmei');
    const addressee = await listen('auxiliary');
    const colleague = await listen('officer');
    const commander = await listen('commander');
    const north = await listen('dispatcher-north');
    const south = await listen('dispatcher-south');
    const admin = await t.login('system-admin');
    const users = (await t.as(admin, { method: 'GET', url: '/api/users?q=auxiliary' })).json().items as {
      id: string;
      username: string;
    }[];
    const auxiliary = users.find((u) => u.username === 'auxiliary')!;
    const sent = await t.as(await t.login('officer-yangmei'), {
      method: 'POST',
      url: '/api/messages',
      payload: { to: { users: [auxiliary.id] }, kind: 'message', text: '请回电' },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const messageId = sent.json().id as string;
    const about = (topic: string) => (m: TestSocket['messages'][number]) =>
      m.topic === topic && (m.payload as { messageId?: string }).messageId === messageId;
    for (const s of [sender, addressee, commander, north]) await s.waitFor(about('message.sent'));
    const acked = await t.as(await t.login('auxiliary'), {
      method: 'POST',
      url: `/api/messages/${messageId}/ack`,
    });
    expect(acked.statusCode, acked.body).toBe(200);
    for (const s of [sender, addressee, commander, north]) await s.waitFor(about('message.acknowledged'));
    await drain([colleague, south]);
    // The colleague at the same station may not read it through the API, nor hear of it live.
    const read = await t.as(await t.login('officer'), { method: 'GET', url: `/api/messages/${messageId}` });
    expect(read.statusCode).toBe(404);
    expect(
      colleague.messages.filter((m) => about('message.sent')(m) || about('message.acknowledged')(m)),
    ).toEqual([]);
    expect(south.messages.filter(about('message.sent'))).toEqual([]);
  }, 120_000);
});
