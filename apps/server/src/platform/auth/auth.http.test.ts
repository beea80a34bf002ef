import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { DEMO_PASSWORD, type TestApp, testApp } from '../../../../../test/support/http.ts';
import type { Database } from '../db/database.ts';
import { manualClock } from '../clock.ts';
import { createHttpApp } from '../http/app.ts';
import { installAuthentication, registerAuthRoutes } from './auth.routes.ts';

describe.each(databaseKinds())('auth over HTTP (%s)', (kind) => {
  let database: Database;
  let t: TestApp;
  const clock = manualClock(new Date('2026-11-29T08:00:00Z'));
  // Failed logins wait LOGIN_DELAY_MS · 2^(n−1), at most LOGIN_DELAY_MAX_MS: recorded here, not waited.
  const slept: number[] = [];

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    t = await testApp(
      await testServices(database, {
        clock,
        env: { LOGIN_DELAY_MS: '100', LOGIN_DELAY_MAX_MS: '400' },
        sleep: async (ms) => {
          slept.push(ms);
        },
      }),
    );
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  const login = (username: string, password: string, remoteAddress = '127.0.0.1') =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
  /** The answer without what differs by request (its correlation id). */
  const answer = (res: { statusCode: number; json(): Record<string, unknown> }) => {
    const { correlationId: _, ...body } = res.json();
    return { status: res.statusCode, body };
  };

  it('logs in with an HTTP-only session cookie and answers /me', async () => {
    const res = await login('commander', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({
      username: 'commander',
      roles: ['commander'],
      scope: { kind: 'tenant' },
      tenantCode: '350526',
    });
    const cookie = res.cookies.find((c) => c.name === 'rh_session')!;
    expect(cookie.httpOnly).toBe(true);
    const me = await t.as(`rh_session=${cookie.value}`, { method: 'GET', url: '/api/auth/me' });
    expect(me.json()).toMatchObject({
      username: 'commander',
      displayName: expect.stringContaining('指挥长'),
    });
  });

  it('names every role in Chinese and English', async () => {
    const cookie = await t.login('system-admin');
    const res = await t.as(cookie, { method: 'GET', url: '/api/auth/roles' });
    expect(res.statusCode).toBe(200);
    const roles = res.json();
    expect(roles.total).toBe(13);
    expect(roles.items).toHaveLength(13);
    expect(roles.items).toContainEqual({ key: 'auditor', nameZh: '安全审计员', nameEn: 'Auditor' });
  });

  it('scopes station accounts to their station', async () => {
    const res = await login('officer-yangmei', DEMO_PASSWORD);
    expect(res.json().user.scope).toMatchObject({ kind: 'station', orgName: '杨梅派出所' });
  });

  it('rejects without credentials and with a forged token', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const forged = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${'x'.repeat(43)}` },
    });
    expect(forged.statusCode).toBe(401);
    expect(forged.headers['content-type']).toContain('application/problem+json');
  });

  it('counts failures, locks after 5 for 15 minutes, then lets the right password in', async () => {
    const first = await login('officer-gekeng', 'wrong-password-1');
    expect(first.statusCode).toBe(401);
    expect(first.json()).toMatchObject({ status: 401, remainingAttempts: 4 });
    for (let i = 2; i <= 4; i++)
      expect((await login('officer-gekeng', `wrong-${i}`)).json().remainingAttempts).toBe(5 - i);
    const fifth = await login('officer-gekeng', 'wrong-5');
    expect(fifth.statusCode).toBe(423);
    expect(new Date(fifth.json().lockedUntil).getTime()).toBe(clock.now().getTime() + 15 * 60_000);
    expect((await login('officer-gekeng', DEMO_PASSWORD)).statusCode).toBe(423);
    clock.advance(15 * 60_000 + 1_000);
    expect((await login('officer-gekeng', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('locks an account name only from the address that failed: the owner still signs in from elsewhere', async () => {
    const attacker = '203.0.113.66';
    for (let i = 1; i <= 4; i++)
      expect((await login('commander', `guess-${i}`, attacker)).statusCode).toBe(401);
    expect((await login('commander', 'guess-5', attacker)).statusCode).toBe(423);
    // Locked from the attacker's address, even with the right password…
    expect((await login('commander', DEMO_PASSWORD, attacker)).statusCode).toBe(423);
    // …while the commander signs in from the command centre.
    expect((await login('commander', DEMO_PASSWORD, '10.35.5.20')).statusCode).toBe(200);
    expect((await login('commander', DEMO_PASSWORD, attacker)).statusCode).toBe(423);
    // The administrators see the lock; unlocking forgets it from every address.
    const security = await t.login('security-admin');
    const found = (await t.as(security, { method: 'GET', url: '/api/users?q=commander' })).json();
    const commander = found.items.find((u: { username: string }) => u.username === 'commander');
    expect(commander.lockedUntil).not.toBeNull();
    const unlock = await t.as(security, { method: 'POST', url: `/api/users/${commander.id}/unlock` });
    expect(unlock.statusCode).toBe(204);
    expect((await login('commander', DEMO_PASSWORD, attacker)).statusCode).toBe(200);
  });

  it('waits longer before answering each failed login, up to the cap, and not after a success', async () => {
    const from = '198.51.100.4';
    slept.length = 0;
    for (let i = 1; i <= 4; i++) await login('analyst', `wrong-${i}`, from);
    expect(slept).toEqual([100, 200, 400, 400]);
    slept.length = 0;
    expect((await login('analyst', DEMO_PASSWORD, from)).statusCode).toBe(200);
    expect(slept).toEqual([]);
    // A success forgets the failures from that address: the next failure starts at the base delay again.
    await login('analyst', 'wrong-again', from);
    expect(slept).toEqual([100]);
  });

  it('answers unknown, disabled and wrong-password logins alike, and locks them alike', async () => {
    const admin = await t.login('system-admin');
    const found = (await t.as(admin, { method: 'GET', url: '/api/users?q=officer-chunmei' })).json();
    const disable = await t.as(admin, {
      method: 'PATCH',
      url: `/api/users/${found.items[0].id}`,
      payload: { status: 'disabled' },
    });
    expect(disable.statusCode).toBe(200);

    const attempts = { unknown: 'nobody-here', disabled: 'officer-chunmei', wrong: 'officer-meihu' };
    const answers: Record<string, ReturnType<typeof answer>[]> = {};
    const delays: Record<string, number[]> = {};
    for (const [what, username] of Object.entries(attempts)) {
      answers[what] = [];
      slept.length = 0;
      // The disabled account is tried with its right password: still no hint that it exists.
      const password = what === 'disabled' ? DEMO_PASSWORD : 'whatever-123';
      for (let i = 0; i < 6; i++) answers[what]!.push(answer(await login(username, password, '192.0.2.10')));
      delays[what] = [...slept];
    }
    expect(answers.wrong![0]).toEqual({
      status: 401,
      body: {
        type: 'urn:ronghui:problem:unauthenticated',
        title: 'Login failed',
        status: 401,
        detail: 'Wrong username or password.',
        instance: '/api/auth/login',
        remainingAttempts: 4,
      },
    });
    expect(answers.wrong![4]!.status).toBe(423);
    expect(answers.unknown).toEqual(answers.wrong);
    expect(answers.disabled).toEqual(answers.wrong);
    expect(delays.unknown).toEqual(delays.wrong);
    expect(delays.disabled).toEqual(delays.wrong);
  });

  it('spends a password hash on unknown names too (no faster answer for them)', async () => {
    const time = async (username: string, from: string) => {
      const runs: number[] = [];
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        await login(username, `timing-${i}`, from);
        runs.push(performance.now() - started);
      }
      return runs.sort((a, b) => a - b)[1]!;
    };
    await time('officer-gaide', '192.0.2.30'); // warm-up
    const known = await time('officer-gaide', '192.0.2.31');
    const unknown = await time('no-such-officer', '192.0.2.32');
    // One scrypt (N = 16384) dominates both; without it an unknown name answers several times faster.
    expect(unknown).toBeGreaterThan(known * 0.5);
  });

  it('ends a session after the idle timeout', async () => {
    const cookie = await t.login('officer-tangtou');
    clock.advance(29 * 60_000);
    expect((await t.as(cookie, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    clock.advance(31 * 60_000);
    expect((await t.as(cookie, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('logs out', async () => {
    const cookie = await t.login('officer-guiyang');
    const other = await t.login('officer-guiyang');
    expect((await t.as(cookie, { method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
    expect((await t.as(cookie, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    // Only this session ended.
    expect((await t.as(other, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
  });

  it('marks the session cookie Secure when the request came over HTTPS', async () => {
    const plain = await login('officer-shuikou', DEMO_PASSWORD);
    expect(plain.cookies.find((c) => c.name === 'rh_session')!.secure).toBeFalsy();
    // request.protocol is https on a TLS socket (or when a trusted proxy says so): stand in for TLS.
    const app = await createHttpApp({ logger: false, bodyLimit: 1_048_576 });
    app.addHook('onRequest', async (request) => {
      (request.raw.socket as { encrypted?: boolean }).encrypted = true;
    });
    installAuthentication(app, t.services.auth);
    registerAuthRoutes(app, t.services.auth, '350526');
    await app.ready();
    try {
      const tls = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'officer-shuikou', password: DEMO_PASSWORD },
      });
      expect(tls.statusCode).toBe(200);
      expect(tls.cookies.find((c) => c.name === 'rh_session')!.secure).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('issues bearer tokens for devices and scripts', async () => {
    const cookie = await t.login('dispatcher-north');
    const res = await t.as(cookie, {
      method: 'POST',
      url: '/api/auth/tokens',
      payload: { name: 'AVL gateway', ttlDays: 30 },
    });
    expect(res.statusCode).toBe(201);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${res.json().token}` },
    });
    expect(me.json()).toMatchObject({ username: 'dispatcher-north', scope: { kind: 'area' } });
    clock.advance(31 * 86_400_000);
    const expired = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${res.json().token}` },
    });
    expect(expired.statusCode).toBe(401);
  });

  it('lists your live tokens without their secrets, and revokes one', async () => {
    const cookie = await t.login('dispatcher-south');
    const make = (name: string) =>
      t.as(cookie, { method: 'POST', url: '/api/auth/tokens', payload: { name, ttlDays: 10 } });
    const gateway = (await make('AVL gateway')).json();
    const signs = (await make('LED signs')).json();
    expect(gateway).toMatchObject({ id: expect.any(String), token: expect.any(String) });
    const list = await t.as(cookie, { method: 'GET', url: '/api/auth/tokens' });
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(2);
    expect(
      list
        .json()
        .items.map((i: { name: string }) => i.name)
        .sort(),
    ).toEqual(['AVL gateway', 'LED signs']);
    expect(list.json().items[0]).toEqual({
      id: expect.any(String),
      name: expect.any(String),
      createdAt: clock.now().toISOString(),
      expiresAt: new Date(clock.now().getTime() + 10 * 86_400_000).toISOString(),
      lastUsedAt: clock.now().toISOString(),
    });
    expect(list.body).not.toContain(gateway.token);
    // Someone else's token is not yours to revoke.
    const other = await t.login('dispatcher-east');
    expect((await t.as(other, { method: 'DELETE', url: `/api/auth/tokens/${gateway.id}` })).statusCode).toBe(
      404,
    );
    expect((await t.as(cookie, { method: 'DELETE', url: `/api/auth/tokens/${gateway.id}` })).statusCode).toBe(
      204,
    );
    const bearer = (token: string) =>
      t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect((await bearer(gateway.token)).statusCode).toBe(401);
    expect((await bearer(signs.token)).statusCode).toBe(200);
    expect((await t.as(cookie, { method: 'GET', url: '/api/auth/tokens' })).json().total).toBe(1);
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'resource_id'])
      .where('actor', '=', 'dispatcher-south')
      .where('action', 'like', 'auth.token.%')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'auth.token.create',
      'auth.token.create',
      'auth.token.list',
      'auth.token.revoke',
      'auth.token.list',
    ]);
  });

  it('refuses tokens above TOKEN_MAX_DAYS, for administrators and from another token', async () => {
    const cookie = await t.login('dispatcher-west');
    const long = await t.as(cookie, {
      method: 'POST',
      url: '/api/auth/tokens',
      payload: { name: 'too long', ttlDays: 91 },
    });
    expect(long.statusCode).toBe(400);
    expect(long.json().errors).toEqual([{ path: '/ttlDays', message: expect.stringContaining('90 days') }]);
    const byDefault = await t.as(cookie, {
      method: 'POST',
      url: '/api/auth/tokens',
      payload: { name: 'default' },
    });
    expect(new Date(byDefault.json().expiresAt).getTime()).toBe(clock.now().getTime() + 90 * 86_400_000);
    for (const admin of ['system-admin', 'security-admin', 'auditor']) {
      const res = await t.as(await t.login(admin), {
        method: 'POST',
        url: '/api/auth/tokens',
        payload: { name: 'script', ttlDays: 1 },
      });
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ rule: 'no-admin-tokens' });
    }
    const fromToken = await t.app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: { authorization: `Bearer ${byDefault.json().token}` },
      payload: { name: 'child', ttlDays: 1 },
    });
    expect(fromToken.statusCode).toBe(403);
  });

  it("logs out everywhere: every session and token of the user ends, nobody else's", async () => {
    const first = await t.login('dispatcher-center');
    const second = await t.login('dispatcher-center');
    const bystander = await t.login('dispatcher');
    const token = (
      await t.as(first, { method: 'POST', url: '/api/auth/tokens', payload: { name: 'gateway', ttlDays: 5 } })
    ).json().token;
    const out = await t.as(first, { method: 'POST', url: '/api/auth/logout', payload: { everywhere: true } });
    expect(out.statusCode).toBe(204);
    for (const cookie of [first, second])
      expect((await t.as(cookie, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const bearer = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(bearer.statusCode).toBe(401);
    expect((await t.as(bystander, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    const row = await database.db
      .selectFrom('audit_log')
      .select(['detail'])
      .where('actor', '=', 'dispatcher-center')
      .where('action', '=', 'auth.logout')
      .executeTakeFirstOrThrow();
    expect(row.detail).toMatchObject({ everywhere: true, ended: 3 });
  });

  it('audits every login attempt with its outcome', async () => {
    const rows = await database.db
      .selectFrom('audit_log')
      .select(['actor', 'outcome', 'reason'])
      .where('action', '=', 'auth.login')
      .where('actor', '=', 'officer-gekeng')
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => r.outcome)).toEqual([
      'denied',
      'denied',
      'denied',
      'denied',
      'denied',
      'denied',
      'ok',
    ]);
    expect(rows[0]!.reason).toBe('wrong password');
    expect(rows[5]!.reason).toBe('account locked');
  });
});
