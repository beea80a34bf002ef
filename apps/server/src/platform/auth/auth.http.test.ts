import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { DEMO_PASSWORD, type TestApp, testApp } from '../../../../../test/support/http.ts';
import type { Database } from '../db/database.ts';
import { manualClock } from '../clock.ts';

describe.each(databaseKinds())('auth over HTTP (%s)', (kind) => {
  let database: Database;
  let t: TestApp;
  const clock = manualClock(new Date('2026-11-29T08:00:00Z'));

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    t = await testApp(await testServices(database, { clock }));
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  const login = (username: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

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

  it('gives the same answer for unknown users as for wrong passwords', async () => {
    const res = await login('nobody-here', 'whatever-123');
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toBe('Wrong username or password.');
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
    expect((await t.as(cookie, { method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
    expect((await t.as(cookie, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
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
