import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import type { TestSocket } from '../../../../../test/support/ws.ts';
import type { Database } from '../../platform/db/database.ts';
import { testClient } from './test-client.ts';

interface Recipient {
  kind: 'user' | 'unit';
  id: string;
  name: string;
  org: { id: string; name: string };
  state: string;
}
interface MessageView {
  id: string;
  kind: string;
  priority: string;
  counts: { total: number; sent: number; delivered: number; acknowledged: number };
  mine: { kind: string; id: string; state: string }[];
  notAcknowledged?: { kind: string; id: string }[];
  recipients: Recipient[];
}

describe.each(databaseKinds())('command messaging (%s)', (kind) => {
  let database: Database;
  let t: TestApp;
  let url: string;
  let c: ReturnType<typeof testClient>;
  const station = new Map<string, string>();
  let northAreaId: string;
  let order: MessageView;

  const userId = async (username: string) =>
    (
      await database.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow()
    ).id;

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    const services = await testServices(database);
    await services.bus.start();
    t = await testApp(services);
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    c = testClient(t, () => url);
    const dir = await services.orgs.directory('350526');
    for (const s of dir.ofKind('station')) station.set(s.name, s.id);
    northAreaId = dir.ofKind('area').find((a) => a.name.startsWith('北片'))!.id;
  });
  afterAll(async () => {
    c?.close();
    await t?.close();
    await t?.services.bus.close();
    await database?.close();
  });

  it('sends an order to 杨梅派出所: its people and its units, live to 杨梅 and not to 浔中', async () => {
    const yangmei = await c.socket('officer-yangmei', ['message.*']);
    const xunzhong = await c.socket('officer-xunzhong', ['message.*']);
    const res = await c.call('dispatcher-north', 'POST', '/api/messages', {
      to: { stations: [station.get('杨梅派出所')] },
      kind: 'order',
      text: '立即前往杨梅乡政府门口集合',
    });
    expect(res.statusCode, res.body).toBe(201);
    order = res.json();
    expect(order).toMatchObject({ kind: 'order', priority: 'urgent' });
    const users = order.recipients.filter((r) => r.kind === 'user');
    const units = order.recipients.filter((r) => r.kind === 'unit');
    expect(users.map((u) => u.id)).toEqual(
      expect.arrayContaining([await userId('officer-yangmei'), await userId('auxiliary')]),
    );
    expect(users.map((u) => u.id)).not.toContain(await userId('dispatcher-north'));
    expect(units.length).toBeGreaterThanOrEqual(2);
    expect(order.recipients.every((r) => r.org.name === '杨梅派出所' && r.state === 'sent')).toBe(true);
    expect(order.counts).toEqual({
      total: order.recipients.length,
      sent: order.recipients.length,
      delivered: 0,
      acknowledged: 0,
    });
    expect(order.notAcknowledged).toHaveLength(order.recipients.length);

    const isOrder = (m: TestSocket['messages'][number]) =>
      m.topic === 'message.sent' && (m.payload as { messageId: string }).messageId === order.id;
    const event = await yangmei.waitFor(isOrder);
    expect((event.payload as { userIds: string[] }).userIds).toContain(await userId('officer-yangmei'));
    await new Promise((r) => setTimeout(r, 300));
    expect(xunzhong.messages.filter(isOrder)).toEqual([]);
  });

  it('moves each recipient sent → delivered (fetched, or confirmed from the live channel) → acknowledged', async () => {
    const inbox = (await c.call('officer-yangmei', 'GET', '/api/messages?box=inbox')).json()
      .items as MessageView[];
    const mine = inbox.find((m) => m.id === order.id)!;
    expect(mine.mine.find((r) => r.kind === 'user')!.state).toBe('delivered');
    expect(mine.counts.delivered).toBeGreaterThanOrEqual(1);

    const auxiliaryId = await userId('auxiliary');
    const plainOfficerId = await userId('officer');
    const confirmed = await c.call('auxiliary', 'POST', `/api/messages/${order.id}/delivered`);
    expect(confirmed.json()).toEqual({ messageId: order.id, delivered: expect.any(Number) });

    const sender = await c.socket('dispatcher-north', ['message.acknowledged']);
    const ack = await c.call('officer-yangmei', 'POST', `/api/messages/${order.id}/ack`);
    expect(ack.statusCode, ack.body).toBe(200);
    const after = ack.json() as MessageView;
    const me = await userId('officer-yangmei');
    expect(after.recipients.find((r) => r.id === me)!.state).toBe('acknowledged');
    expect(after.notAcknowledged!.map((r) => r.id)).not.toContain(me);
    const ackEvent = await sender.waitFor((m) => m.topic === 'message.acknowledged');
    expect(ackEvent.payload).toMatchObject({
      messageId: order.id,
      recipientId: me,
      outstanding: after.recipients.length - 1,
    });

    const unit = order.recipients.find((r) => r.kind === 'unit')!;
    const forUnit = await c.call('officer-yangmei', 'POST', `/api/messages/${order.id}/ack`, {
      unitId: unit.id,
    });
    expect((forUnit.json() as MessageView).recipients.find((r) => r.id === unit.id)!.state).toBe(
      'acknowledged',
    );
    const again = await c.call('officer-yangmei', 'POST', `/api/messages/${order.id}/ack`);
    expect(again.statusCode).toBe(200);

    const seen = (await c.call('dispatcher-north', 'GET', `/api/messages/${order.id}`)).json() as MessageView;
    expect(seen.counts.acknowledged).toBe(2);
    expect(seen.counts.total - seen.counts.acknowledged).toBe(seen.notAcknowledged!.length);
    expect(seen.recipients.find((r) => r.id === auxiliaryId)!.state).toBe('delivered');
    expect(seen.recipients.find((r) => r.id === plainOfficerId)!.state).toBe('sent');
    const acks = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'message.ack')
      .where('resource_id', '=', order.id)
      .execute();
    expect(acks).toHaveLength(2);
  });

  it('keeps other stations out and lets command roles read their own area’s traffic', async () => {
    expect((await c.call('officer-xunzhong', 'GET', `/api/messages/${order.id}`)).statusCode).toBe(404);
    expect((await c.call('officer-xunzhong', 'POST', `/api/messages/${order.id}/ack`)).statusCode).toBe(404);
    const inbox = (await c.call('officer-xunzhong', 'GET', '/api/messages')).json().items as MessageView[];
    expect(inbox.map((m) => m.id)).not.toContain(order.id);
    expect((await c.call('officer-xunzhong', 'GET', '/api/messages?box=all')).statusCode).toBe(403);
    const ids = async (username: string) =>
      ((await c.call(username, 'GET', '/api/messages?box=all')).json().items as MessageView[]).map(
        (m) => m.id,
      );
    expect(await ids('dispatcher-north')).toContain(order.id);
    expect(await ids('dispatcher')).toContain(order.id);
    expect(await ids('dispatcher-south')).not.toContain(order.id);
    const sent = (await c.call('dispatcher-north', 'GET', '/api/messages?box=sent')).json();
    expect(sent).toEqual({ items: [expect.objectContaining({ id: order.id })], total: 1 });
  });

  it('gives orders only within the sender’s command; anyone on duty may message another station', async () => {
    const outside = await c.call('dispatcher-north', 'POST', '/api/messages', {
      to: { stations: [station.get('浔中派出所')] },
      kind: 'order',
      text: '增援',
    });
    expect(outside.statusCode).toBe(403);
    const officerOrder = await c.call('officer-yangmei', 'POST', '/api/messages', {
      to: { stations: [station.get('上涌派出所')] },
      kind: 'order',
      text: '增援',
    });
    expect(officerOrder.statusCode).toBe(403);
    const note = await c.call('officer-yangmei', 'POST', '/api/messages', {
      to: { stations: [station.get('上涌派出所')] },
      kind: 'message',
      text: '嫌疑人可能往上涌方向逃窜',
    });
    expect(note.statusCode).toBe(201);
    expect((note.json() as MessageView).recipients.every((r) => r.org.name === '上涌派出所')).toBe(true);
    const inbox = (await c.call('officer-shangyong', 'GET', '/api/messages')).json().items as MessageView[];
    expect(inbox.map((m) => m.id)).toContain(note.json().id);
    const unknown = await c.call('commander', 'POST', '/api/messages', {
      to: { stations: ['no-such-station'] },
      kind: 'message',
      text: 'x',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().detail).toContain('no-such-station');
    const empty = await c.call('commander', 'POST', '/api/messages', { to: {}, kind: 'message', text: 'x' });
    expect(empty.statusCode).toBe(400);
  });

  it('expands an area to the users of its command room and stations and to the units of its stations', async () => {
    const res = await c.call('commander', 'POST', '/api/messages', {
      to: { areas: [northAreaId] },
      kind: 'message',
      text: '北片今晚开展夜巡',
    });
    expect(res.statusCode, res.body).toBe(201);
    const m = res.json() as MessageView;
    const userIds = m.recipients.filter((r) => r.kind === 'user').map((r) => r.id);
    for (const u of ['dispatcher-north', 'officer-yangmei', 'officer-shangyong', 'officer-gekeng'])
      expect(userIds).toContain(await userId(u));
    expect(userIds).not.toContain(await userId('officer-xunzhong'));
    expect(userIds).not.toContain(await userId('grid-worker'));
    const unitStations = new Set(m.recipients.filter((r) => r.kind === 'unit').map((r) => r.org.name));
    expect([...unitStations].sort()).toEqual(
      ['上涌派出所', '杨梅派出所', '桂阳派出所', '汤头派出所', '葛坑派出所'].sort(),
    );
  });

  it('sends to an ad-hoc group of users and units that only its creator and members see', async () => {
    const shangyongUnit = await database.db
      .selectFrom('units')
      .select('id')
      .where('station_id', '=', station.get('上涌派出所')!)
      .executeTakeFirstOrThrow();
    const xunzhongId = await userId('officer-xunzhong');
    const created = await c.call('dispatcher-north', 'POST', '/api/message-groups', {
      name: '杨梅专案组',
      members: [xunzhongId, shangyongUnit.id],
    });
    expect(created.statusCode, created.body).toBe(201);
    const group = created.json();
    expect(group.members.map((m: { kind: string }) => m.kind).sort()).toEqual(['unit', 'user']);
    const listed = async (u: string) =>
      ((await c.call(u, 'GET', '/api/message-groups')).json().items as { id: string }[]).map((g) => g.id);
    expect(await listed('dispatcher-north')).toContain(group.id);
    expect(await listed('officer-xunzhong')).toContain(group.id);
    expect(await listed('officer-gekeng')).not.toContain(group.id);
    const sent = await c.call('dispatcher-north', 'POST', '/api/messages', {
      to: { group: group.id },
      kind: 'message',
      text: '专案组碰头',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect((sent.json() as MessageView).recipients.map((r) => r.id).sort()).toEqual(
      [xunzhongId, shangyongUnit.id].sort(),
    );
    const bad = await c.call('dispatcher-north', 'POST', '/api/message-groups', {
      name: 'x',
      members: ['nobody'],
    });
    expect(bad.statusCode).toBe(400);
    const foreign = await c.call('officer-gekeng', 'POST', '/api/messages', {
      to: { group: group.id },
      kind: 'message',
      text: 'x',
    });
    expect(foreign.statusCode).toBe(400);
  });

  it('lets the officers of a member unit’s station read the group and write to it, and only them', async () => {
    const shangyongUnit = await database.db
      .selectFrom('units')
      .select('id')
      .where('station_id', '=', station.get('上涌派出所')!)
      .executeTakeFirstOrThrow();
    const created = await c.call('commander', 'POST', '/api/message-groups', {
      name: '上涌夜巡组',
      members: [shangyongUnit.id],
    });
    expect(created.statusCode, created.body).toBe(201);
    const group = created.json() as { id: string };
    const listed = async (u: string) =>
      ((await c.call(u, 'GET', '/api/message-groups')).json().items as { id: string }[]).map((g) => g.id);
    expect(await listed('officer-shangyong')).toContain(group.id);
    expect(await listed('officer-yangmei')).not.toContain(group.id);
    expect(await listed('dispatcher-south')).not.toContain(group.id);
    const sent = await c.call('officer-shangyong', 'POST', '/api/messages', {
      to: { group: group.id },
      kind: 'message',
      text: '已到达上涌路口',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect((sent.json() as MessageView).recipients.map((r) => r.id)).toEqual([shangyongUnit.id]);
    const outsider = await c.call('officer-yangmei', 'POST', '/api/messages', {
      to: { group: group.id },
      kind: 'message',
      text: 'x',
    });
    expect(outsider.statusCode).toBe(400);
    const order = await c.call('officer-shangyong', 'POST', '/api/messages', {
      to: { group: group.id },
      kind: 'order',
      text: 'x',
    });
    expect(order.statusCode).toBe(403);
  });

  it('files messages under an incident and audits every send and list read', async () => {
    const incident = await c.call('dispatcher-north', 'POST', '/api/incidents', {
      source: '110',
      category: '刑事',
      priority: 1,
      description: '杨梅乡发生盗窃',
      address: '德化县杨梅乡',
    });
    const incidentId = incident.json().id as string;
    const m = await c.call('dispatcher-north', 'POST', '/api/messages', {
      to: { stations: [station.get('杨梅派出所')] },
      kind: 'message',
      text: '注意保护现场',
      incidentId,
    });
    expect(m.statusCode).toBe(201);
    const list = (await c.call('officer-yangmei', 'GET', `/api/messages?incidentId=${incidentId}`)).json()
      .items as MessageView[];
    expect(list.map((x) => x.id)).toEqual([m.json().id]);
    const missing = await c.call('dispatcher-north', 'POST', '/api/messages', {
      to: { stations: [station.get('杨梅派出所')] },
      kind: 'message',
      text: 'x',
      incidentId: 'no-such-incident',
    });
    expect(missing.statusCode).toBe(404);
    const actions = await database.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('action', 'like', 'message.%')
      .execute();
    const count = (a: string) => actions.filter((x) => x.action === a).length;
    expect(count('message.send')).toBe(6);
    expect(count('message.list')).toBeGreaterThanOrEqual(6);
    expect(count('message.read')).toBe(1);
    expect(count('message.delivered')).toBe(1);
    expect(actions).toContainEqual({ action: 'message.list', actor: 'officer-xunzhong' });
  });
});
