import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import type { Database } from '../db/database.ts';

/** A write re-sent with its Idempotency-Key (a phone's outbox after a lost answer) is applied once. */
describe.each(databaseKinds())('Idempotency-Key on every write (%s)', (kind) => {
  let database: Database;
  let t: TestApp;
  let officer: string;
  let stationId: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    t = await testApp(await testServices(database));
    officer = await t.login('officer-yangmei');
    const dir = await t.services.orgs.directory('350526');
    stationId = dir.ofKind('station').find((s) => s.name === '上涌派出所')!.id;
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  const send = (cookie: string, key: string | undefined, text: string) =>
    t.as(cookie, {
      method: 'POST',
      url: '/api/messages',
      headers: key === undefined ? {} : { 'idempotency-key': key },
      payload: { to: { stations: [stationId] }, kind: 'message', text },
    });
  const sentCount = async (cookie: string, text: string) =>
    (
      (await t.as(cookie, { method: 'GET', url: '/api/messages?box=sent&limit=500' })).json().items as {
        text: string;
      }[]
    ).filter((m) => m.text === text).length;

  it('runs the first request and answers a repeat with the stored answer, applied once', async () => {
    const first = await send(officer, 'outbox-0001', '嫌疑人往上涌方向');
    expect(first.statusCode, first.body).toBe(201);
    const again = await send(officer, 'outbox-0001', '嫌疑人往上涌方向');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await sentCount(officer, '嫌疑人往上涌方向')).toBe(1);
  });

  it('refuses the same key for another request, and keeps keys apart per user', async () => {
    const other = await send(officer, 'outbox-0001', '另一条消息');
    expect(other.statusCode).toBe(409);
    expect(other.json().detail).toMatch(/different request/);
    const colleague = await t.login('officer');
    const theirs = await send(colleague, 'outbox-0001', '嫌疑人往上涌方向');
    expect(theirs.statusCode).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
  });

  it('stores nothing for a refused write, so the corrected one may use the key', async () => {
    const refused = await t.as(officer, {
      method: 'POST',
      url: '/api/messages',
      headers: { 'idempotency-key': 'outbox-0002' },
      payload: { to: { stations: ['no-such-station'] }, kind: 'message', text: '测试' },
    });
    expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    const fixed = await send(officer, 'outbox-0002', '更正后的消息');
    expect(fixed.statusCode).toBe(201);
    expect(fixed.headers['idempotent-replayed']).toBeUndefined();
  });

  it('lets one of two simultaneous requests with a key run; the other is replayed or told to retry', async () => {
    const [a, b] = await Promise.all([
      send(officer, 'outbox-0003', '并发'),
      send(officer, 'outbox-0003', '并发'),
    ]);
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses[0]).toBe(201);
    expect([201, 409]).toContain(statuses[1]);
    expect(await sentCount(officer, '并发')).toBe(1);
  });

  it('refuses a malformed key, naming the header', async () => {
    const res = await send(officer, 'bad key with spaces', '测试');
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toMatch(/Idempotency-Key/);
  });
});
