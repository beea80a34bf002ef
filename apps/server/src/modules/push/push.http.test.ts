import { createECDH, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { PushMessage } from '@ronghui/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import type { Database } from '../../platform/db/database.ts';
import { createPushRepo, createPushService, loadVapidKeys } from './index.ts';

/** A browser's side of a subscription: its P-256 key pair and auth secret (RFC 8291). */
function browserKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return {
    ecdh,
    auth,
    json: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') },
  };
}

/** Decrypts an `aes128gcm` Web Push body as the browser would (RFC 8188 + RFC 8291), one record. */
function decrypt(body: Buffer, keys: ReturnType<typeof browserKeys>): string {
  const salt = body.subarray(0, 16);
  const idLength = body[20]!;
  const serverPublic = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  const shared = keys.ecdh.computeSecret(serverPublic);
  const info = Buffer.concat([Buffer.from('WebPush: info\0'), keys.ecdh.getPublicKey(), serverPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', shared, keys.auth, info, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const plain = Buffer.concat([
    decipher.update(ciphertext.subarray(0, ciphertext.length - 16)),
    decipher.final(),
  ]);
  // The last record ends with the delimiter 0x02, then padding.
  let end = plain.length - 1;
  while (end > 0 && plain[end] === 0) end--;
  expect(plain[end]).toBe(2);
  return plain.subarray(0, end).toString('utf8');
}

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A push service on localhost: records what it is sent; a path listed in `gone` answers 410. */
async function fakePushService() {
  const received: Received[] = [];
  const gone = new Set<string>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.statusCode = gone.has(req.url ?? '') ? 410 : 201;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { received, gone, base, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe.each(databaseKinds())('Web Push (%s)', (kind) => {
  let database: Database;
  let t: TestApp;
  let service: Awaited<ReturnType<typeof fakePushService>>;

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    const services = await testServices(database, { env: { PUSH_ALLOW_HTTP: 'on' } });
    await services.bus.start();
    t = await testApp(services);
    service = await fakePushService();
  });
  afterAll(async () => {
    await service?.close();
    await t?.close();
    await t?.services.bus.close();
    await database?.close();
  });

  async function until<T>(probe: () => T | undefined, what: string, ms = 10_000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      await t.services.orderAlerts.idle();
      const found = probe();
      if (found !== undefined) return found;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('gives the VAPID public key to subscribe with, made once and kept', async () => {
    const res = await t.as(await t.login('officer-yangmei'), { method: 'GET', url: '/api/push/config' });
    expect(res.statusCode).toBe(200);
    expect(res.json().enabled).toBe(true);
    // An uncompressed P-256 point: 65 bytes, base64url.
    expect(Buffer.from(res.json().publicKey, 'base64url')).toHaveLength(65);
    expect((await t.app.inject({ method: 'GET', url: '/api/push/config' })).statusCode).toBe(401);
  });

  it("wakes a station's officer with an encrypted, signed push when the command room asks the station for units", async () => {
    const officer = await t.login('officer-yangmei');
    const keys = browserKeys();
    const endpoint = `${service.base}/push/yangmei-phone`;
    const sub = await t.as(officer, {
      method: 'POST',
      url: '/api/push/subscriptions',
      headers: { 'user-agent': 'Mozilla/5.0 (Linux; Android 14) Mobile' },
      payload: { endpoint, expirationTime: null, keys: keys.json },
    });
    expect(sub.statusCode, sub.body).toBe(201);
    expect(sub.json()).toMatchObject({ service: new URL(service.base).host, failures: 0, lastSentAt: null });

    const north = await t.login('dispatcher-north');
    const created = await t.as(north, {
      method: 'POST',
      url: '/api/incidents',
      payload: {
        source: '110',
        category: '刑事',
        priority: 1,
        description: '嫌疑人出现在杨梅乡',
        address: '德化县杨梅乡',
      },
    });
    expect(created.statusCode).toBe(201);
    const requested = await t.as(north, {
      method: 'POST',
      url: `/api/incidents/${created.json().id}/requests`,
      payload: { stations: 'area', perStation: 2 },
    });
    expect(requested.statusCode, requested.body).toBe(201);

    const push = await until(
      () => service.received.find((r) => r.path === '/push/yangmei-phone'),
      'the push',
    );
    expect(push.headers['content-encoding']).toBe('aes128gcm');
    expect(push.headers.urgency).toBe('high');
    expect(Number(push.headers.ttl)).toBeGreaterThan(0);
    const config = (await t.as(officer, { method: 'GET', url: '/api/push/config' })).json();
    expect(push.headers.authorization).toMatch(
      new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${config.publicKey}$`),
    );
    const message = JSON.parse(decrypt(push.body, keys)) as PushMessage;
    expect(message).toMatchObject({
      kind: 'order',
      incidentId: created.json().id,
      url: `/m/orders/${created.json().id}`,
      title: expect.stringMatching(/^派警请求 · 一级/),
      body: expect.stringMatching(/请派 2 人/),
    });
    // Only the station the request went to: one phone, one push.
    expect(service.received.filter((r) => r.path === '/push/yangmei-phone')).toHaveLength(1);
    const mine = (await t.as(officer, { method: 'GET', url: '/api/push/subscriptions' })).json();
    expect(mine.items[0].lastSentAt).not.toBeNull();

    // Units sent straight to the incident: their station's crew is woken with the dispatch.
    const units = (await t.as(officer, { method: 'GET', url: '/api/units?status=available' })).json()
      .items as { id: string; callsign: string }[];
    const sent = await t.as(north, {
      method: 'POST',
      url: `/api/incidents/${created.json().id}/dispatch`,
      payload: { unitIds: [units[0]!.id] },
    });
    expect(sent.statusCode, sent.body).toBeLessThan(300);
    const dispatched = await until(
      () => service.received.filter((r) => r.path === '/push/yangmei-phone')[1],
      'the dispatch push',
    );
    expect(JSON.parse(decrypt(dispatched.body, keys))).toMatchObject({
      kind: 'dispatch',
      body: expect.stringContaining(units[0]!.callsign),
    });
  });

  it('drops a subscription its push service says is gone, and lets a user unsubscribe', async () => {
    const officer = await t.login('officer-yangmei');
    const path = '/push/old-phone';
    service.gone.add(path);
    await t.as(officer, {
      method: 'POST',
      url: '/api/push/subscriptions',
      payload: { endpoint: `${service.base}${path}`, keys: browserKeys().json },
    });
    const userId = (await t.as(officer, { method: 'GET', url: '/api/auth/me' })).json().id as string;
    const message: PushMessage = {
      kind: 'message',
      title: '测试',
      body: '测试',
      url: '/',
      tag: 't',
      incidentId: null,
      at: new Date().toISOString(),
    };
    expect(await t.services.push.notifyUsers('350526', [userId], message)).toBe(1);
    const left = (await t.as(officer, { method: 'GET', url: '/api/push/subscriptions' })).json();
    expect(left.items.map((s: { id: string }) => s.id)).toHaveLength(1);

    const endpoint = `${service.base}/push/yangmei-phone`;
    const off = await t.as(officer, {
      method: 'DELETE',
      url: '/api/push/subscriptions',
      payload: { endpoint },
    });
    expect(off.statusCode).toBe(204);
    expect((await t.as(officer, { method: 'GET', url: '/api/push/subscriptions' })).json().total).toBe(0);
    const again = await t.as(officer, {
      method: 'DELETE',
      url: '/api/push/subscriptions',
      payload: { endpoint },
    });
    expect(again.statusCode).toBe(404);
  });

  it('refuses a plain-HTTP endpoint unless allowed, and keys that are not base64url', async () => {
    const officer = await t.login('officer-yangmei');
    const bad = await t.as(officer, {
      method: 'POST',
      url: '/api/push/subscriptions',
      payload: { endpoint: 'https://push.example/x', keys: { p256dh: 'not base64!', auth: 'x' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['body/keys/p256dh', 'body/keys/auth']),
    );
    // Without PUSH_ALLOW_HTTP (the default), only https: push services.
    const strict = createPushService({
      ...t.services,
      repo: createPushRepo(),
      keys: loadVapidKeys(join(tmpdir(), 'ronghui-test-unused', 'vapid.json')),
      settings: { enabled: true, subject: 'mailto:ops@example.org', allowHttp: false },
    });
    const principal = (await t.services.auth.authenticate(officer.split('=')[1]!))!;
    await expect(
      strict.subscribe(
        principal,
        { endpoint: `${service.base}/push/x`, keys: browserKeys().json },
        undefined,
      ),
    ).rejects.toThrow(/https/);
  });
});
