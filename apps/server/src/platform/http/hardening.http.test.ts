import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import { openSocket } from '../../../../../test/support/ws.ts';
import type { Database } from '../db/database.ts';

/** Sends `head` on a raw socket, then `body` one byte every `everyMs`; resolves with all the server said. */
function rawExchange(
  port: number,
  head: string,
  body = '',
  everyMs = 0,
): Promise<{ text: string; ms: number; bytesSent: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let text = '';
    let sent = 0;
    const socket: Socket = connect(port, '127.0.0.1', () => {
      socket.write(head);
      if (!everyMs) {
        socket.write(body);
        sent = body.length;
        return;
      }
      const timer = setInterval(() => {
        if (sent >= body.length || socket.destroyed) return clearInterval(timer);
        socket.write(body[sent++]!);
      }, everyMs);
      socket.on('close', () => clearInterval(timer));
    });
    socket.on('data', (chunk) => {
      text += chunk.toString();
    });
    socket.on('error', () => {});
    socket.on('close', () => resolve({ text, ms: Date.now() - started, bytesSent: sent }));
    setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within 20 s; got ${text.slice(0, 200)}`));
    }, 20_000);
  });
}

const bodyOf = (raw: string) => raw.slice(raw.indexOf('\r\n\r\n') + 4);

describe.each(databaseKinds())('the HTTP layer is hardened (%s)', (kind) => {
  let database: Database;
  let t: TestApp;
  let proxied: TestApp;
  let otherProxy: TestApp;
  let quick: TestApp;
  let quickPort: number;

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    t = await testApp(await testServices(database));
    proxied = await testApp(await testServices(database, { env: { TRUST_PROXY: '127.0.0.1' } }));
    otherProxy = await testApp(await testServices(database, { env: { TRUST_PROXY: '10.0.0.0/8' } }));
    quick = await testApp(await testServices(database, { env: { REQUEST_TIMEOUT_MS: '1000' } }));
    await quick.app.listen({ port: 0, host: '127.0.0.1' });
    quickPort = (quick.app.server.address() as AddressInfo).port;
  }, 60_000);
  afterAll(async () => {
    for (const app of [t, proxied, otherProxy, quick]) await app?.close();
    await database?.close();
  });

  const lastLoginIp = async (username: string) =>
    (
      await database.db
        .selectFrom('audit_log')
        .select(['ip'])
        .where('action', '=', 'auth.login')
        .where('actor', '=', username)
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow()
    ).ip;

  describe('security headers', () => {
    it('sends a Content-Security-Policy the console runs under, and the other headers', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/health',
        headers: { host: 'rh.example:8080' },
      });
      const csp = String(res.headers['content-security-policy']);
      const directives = Object.fromEntries(
        csp.split(';').map((d) => {
          const [name, ...values] = d.trim().split(/\s+/);
          return [name, values];
        }),
      );
      expect(directives['script-src']).toEqual(["'self'"]);
      expect(directives['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
      expect(directives['worker-src']).toEqual(["'self'", 'blob:']);
      expect(directives['child-src']).toContain('blob:');
      expect(directives['img-src']).toEqual(["'self'", 'data:', 'blob:']);
      expect(directives['font-src']).toEqual(["'self'", 'data:']);
      expect(directives['connect-src']).toEqual(["'self'", 'ws://rh.example:8080', 'wss://rh.example:8080']);
      expect(directives['frame-ancestors']).toEqual(["'none'"]);
      expect(directives['object-src']).toEqual(["'none'"]);
      expect(directives['base-uri']).toEqual(["'self'"]);
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    });

    it('keeps a Host header that could smuggle a directive out of the policy', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/health',
        headers: { host: "evil; script-src 'unsafe-inline'" },
      });
      const csp = String(res.headers['content-security-policy']);
      expect(csp).not.toContain('evil');
      expect(csp.match(/script-src /g)).toHaveLength(1);
    });

    it('allows the configured tile server and camera streams, and nothing else', async () => {
      const services = await testServices(database, {
        env: {
          MAP_TILE_URL: 'https://tiles.gaj.example:8443/{z}/{x}/{y}.png',
          CAMERA_STREAM_ORIGINS: 'http://10.1.2.3:8080, https://cams.gaj.example',
        },
      });
      const app = await testApp(services);
      try {
        const csp = String(
          (await app.app.inject({ method: 'GET', url: '/api/health' })).headers['content-security-policy'],
        );
        expect(csp).toMatch(/connect-src [^;]*https:\/\/tiles\.gaj\.example:8443/);
        expect(csp).toMatch(/img-src [^;]*https:\/\/tiles\.gaj\.example:8443/);
        expect(csp).toMatch(/media-src [^;]*http:\/\/10\.1\.2\.3:8080 https:\/\/cams\.gaj\.example/);
        expect(csp).toMatch(/script-src 'self';/);
      } finally {
        await app.close();
      }
    });

    it('marks every /api answer no-store, errors included, but leaves cached map resources alone', async () => {
      const cookie = await t.login('dispatcher');
      for (const url of ['/api/incidents', '/api/nothing-here', '/api/units/not-a-uuid']) {
        const res = await t.as(cookie, { method: 'GET', url });
        expect(res.headers['cache-control'], url).toBe('no-store');
      }
      const anonymous = await t.app.inject({ method: 'GET', url: '/api/incidents' });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.headers['cache-control']).toBe('no-store');
      expect(anonymous.headers['x-frame-options']).toBe('DENY');
      const glyphs = await t.as(cookie, {
        method: 'GET',
        url: '/api/map/glyphs/Noto%20Sans%20Regular/0-255.pbf',
      });
      if (glyphs.statusCode === 200) expect(glyphs.headers['cache-control']).toMatch(/max-age/);
    });

    it('sends HSTS only for HTTPS, as said by a trusted proxy', async () => {
      const forged = await t.app.inject({
        method: 'GET',
        url: '/api/health',
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(forged.headers['strict-transport-security']).toBeUndefined();
      const viaProxy = await proxied.app.inject({
        method: 'GET',
        url: '/api/health',
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(viaProxy.headers['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
      const plain = await proxied.app.inject({ method: 'GET', url: '/api/health' });
      expect(plain.headers['strict-transport-security']).toBeUndefined();
    });
  });

  describe('TRUST_PROXY', () => {
    it('ignores a forged X-Forwarded-For by default: the audit trail keeps the real peer', async () => {
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'x-forwarded-for': '203.0.113.66' },
        payload: { username: 'clerk', password: 'ronghui-demo' },
      });
      expect(await lastLoginIp('clerk')).toBe('127.0.0.1');
    });

    it('ignores it from a peer that is not a configured proxy', async () => {
      await otherProxy.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'x-forwarded-for': '203.0.113.67' },
        payload: { username: 'analyst', password: 'ronghui-demo' },
      });
      expect(await lastLoginIp('analyst')).toBe('127.0.0.1');
    });

    it('honours it from a configured proxy', async () => {
      await proxied.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'x-forwarded-for': '198.51.100.7' },
        payload: { username: 'leader', password: 'ronghui-demo' },
      });
      expect(await lastLoginIp('leader')).toBe('198.51.100.7');
    });
  });

  describe('timeouts and oversized requests (real sockets)', () => {
    it('cuts off a body trickled byte by byte with a 408 problem when REQUEST_TIMEOUT_MS has passed', async () => {
      const body = JSON.stringify({ username: 'dispatcher', password: 'x'.repeat(60) });
      const { text, ms, bytesSent } = await rawExchange(
        quickPort,
        `POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
        body,
        250,
      );
      expect(text).toMatch(/^HTTP\/1\.1 408 /);
      expect(text).toContain('application/problem+json');
      expect(JSON.parse(bodyOf(text))).toMatchObject({
        status: 408,
        type: 'urn:ronghui:problem:request-timeout',
      });
      expect(bytesSent).toBeLessThan(body.length);
      expect(ms).toBeLessThan(5_000);
    });

    it('still takes a body sent at a normal pace', async () => {
      const body = JSON.stringify({ username: 'dispatcher', password: 'ronghui-demo' });
      const { text } = await rawExchange(
        quickPort,
        `POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
        body,
      );
      expect(text).toMatch(/^HTTP\/1\.1 200 /);
    });

    it('keeps the live channel open past the request timeout', async () => {
      const cookie = await quick.login('dispatcher');
      const socket = await openSocket(`http://127.0.0.1:${quickPort}`, cookie);
      try {
        await new Promise((r) => setTimeout(r, 2_500));
        socket.send({ type: 'subscribe', topics: ['unit.*'] });
        await socket.waitFor((m) => m.type !== 'welcome' && m.type !== 'hello', 5_000);
      } finally {
        socket.close();
      }
    });

    it('answers headers that are too large with a 431 problem that repeats none of them', async () => {
      const secret = `s${'e'.repeat(20_000)}cret`;
      const { text } = await rawExchange(
        quickPort,
        `GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${secret}\r\n\r\n`,
      );
      expect(text).toMatch(/^HTTP\/1\.1 431 /);
      expect(text).toContain('Content-Type: application/problem+json');
      expect(JSON.parse(bodyOf(text))).toMatchObject({
        status: 431,
        type: 'urn:ronghui:problem:headers-too-large',
      });
      expect(text).not.toContain('eeeeeeeeee');
    });

    it('answers a URL too long for the header limit with the same 431 problem', async () => {
      const { text } = await rawExchange(
        quickPort,
        `GET /api/incidents?q=${'q'.repeat(20_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`,
      );
      expect(text).toMatch(/^HTTP\/1\.1 431 /);
      expect(text).not.toContain('qqqqqqqqqq');
      expect(JSON.parse(bodyOf(text)).status).toBe(431);
    });
  });

  it('answers a path parameter beyond the router limit with a 414 problem that does not echo it', async () => {
    const cookie = await t.login('dispatcher');
    const long = `x${'y'.repeat(2_100)}z`;
    const res = await t.as(cookie, { method: 'GET', url: `/api/units/${long}` });
    expect(res.statusCode).toBe(414);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 414, type: 'urn:ronghui:problem:uri-too-long' });
    expect(res.body).not.toContain('yyyyyyyyyy');
    const badUrl = await t.as(cookie, { method: 'GET', url: '/api/units/%E0%A4%A' });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.headers['content-type']).toContain('application/problem+json');
  });

  describe('/api/docs', () => {
    it('is for signed-in users only', async () => {
      for (const url of ['/api/docs', '/api/docs/json', '/api/docs/yaml']) {
        const res = await t.app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(401);
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
      const cookie = await t.login('dispatcher');
      const json = await t.as(cookie, { method: 'GET', url: '/api/docs/json' });
      expect(json.statusCode).toBe(200);
      expect(json.json().paths['/api/incidents']).toBeDefined();
      const ui = await t.as(cookie, { method: 'GET', url: '/api/docs' });
      expect(ui.statusCode).toBe(200);
      expect(ui.headers['content-type']).toContain('text/html');
    });
  });

  describe('refusals of signed-in users are audited', () => {
    const refusals = (actor: string) =>
      database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('actor', '=', actor)
        .where('outcome', '=', 'denied')
        .orderBy('seq', 'asc')
        .execute();

    it('records a 404 outside the scope and a 403, with actor, method, route and reason', async () => {
      const officer = await t.login('officer-gaide');
      const missing = '00000000-0000-4000-8000-00000000abcd';
      const res = await t.as(officer, {
        method: 'GET',
        url: `/api/incidents/${missing}`,
        headers: { 'x-forwarded-for': '203.0.113.9' },
      });
      expect(res.statusCode).toBe(404);
      const dispatcher = await t.login('dispatcher-north');
      const forbidden = await t.as(dispatcher, { method: 'GET', url: '/api/audit' });
      expect(forbidden.statusCode).toBe(403);

      const [notFound] = (await refusals('officer-gaide')).filter((r) => r.action === 'http.refused');
      expect(notFound).toMatchObject({
        outcome: 'denied',
        resource: '/api/incidents/:id',
        resource_id: missing,
        ip: '127.0.0.1',
        detail: { method: 'GET', route: '/api/incidents/:id', status: 404 },
      });
      expect(notFound!.reason).toContain(missing);
      const [refused] = (await refusals('dispatcher-north')).filter((r) => r.action === 'http.refused');
      expect(refused).toMatchObject({
        resource: '/api/audit',
        detail: { method: 'GET', route: '/api/audit', status: 403 },
      });
      expect(refused!.reason).toMatch(/auditor/);
    });

    it('does not audit a refusal twice when the service audited it already', async () => {
      const dispatcher = await t.login('dispatcher');
      const created = await t.as(dispatcher, {
        method: 'POST',
        url: '/api/incidents',
        payload: {
          source: '110',
          category: '刑事',
          priority: 2,
          description: '有人撬门',
          caller: { name: '王五', phone: '13800138000' },
          address: '杨梅乡',
        },
      });
      expect(created.statusCode).toBe(201);
      const leader = await t.login('leader');
      const res = await t.as(leader, {
        method: 'POST',
        url: `/api/incidents/${created.json().id}/reveal`,
        payload: { field: 'callerPhone', reason: '核实报警人' },
      });
      expect(res.statusCode).toBe(403);
      const denied = await refusals('leader');
      expect(denied.map((r) => r.action)).toEqual(['personal.unmask']);
    });

    it('does not audit anonymous requests or successes', async () => {
      const before = await database.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', '=', 'http.refused')
        .executeTakeFirstOrThrow();
      await t.app.inject({ method: 'GET', url: '/api/audit' });
      await t.as(await t.login('auditor'), { method: 'GET', url: '/api/auth/me' });
      const after = await database.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', '=', 'http.refused')
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });
  });
});
