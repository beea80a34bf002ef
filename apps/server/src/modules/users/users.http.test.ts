import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { type TestApp, testApp } from '../../../../../test/support/http.ts';
import type { Database } from '../../platform/db/database.ts';

describe.each(databaseKinds())('users administration (%s)', (kind) => {
  let database: Database;
  let t: TestApp;
  let admin: string;
  let yangmei: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind, { demo: true });
    t = await testApp(await testServices(database));
    admin = await t.login('system-admin');
    const tree = (await t.as(admin, { method: 'GET', url: '/api/orgs/tree' })).json();
    const north = tree.children.find((a: { name: string }) => a.name.startsWith('北片'));
    yangmei = north.children.find((s: { name: string }) => s.name === '杨梅派出所').id;
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  const create = (body: object, cookie = admin) =>
    t.as(cookie, { method: 'POST', url: '/api/users', payload: body });

  it('creates a user who can then sign in with the scope given', async () => {
    const res = await create({
      username: 'zheng.wei',
      displayName: '郑伟',
      password: 'Strong-pass-2026',
      roles: ['officer'],
      orgId: yangmei,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      username: 'zheng.wei',
      status: 'active',
      scope: { kind: 'station', orgName: '杨梅派出所' },
    });
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'zheng.wei', password: 'Strong-pass-2026' },
    });
    expect(login.statusCode).toBe(200);
  });

  it('refuses duplicates, weak passwords, unknown orgs and combined administrator roles, naming the field', async () => {
    const dup = await create({
      username: 'commander',
      displayName: 'x',
      password: 'Strong-pass-2026',
      roles: ['officer'],
      orgId: yangmei,
    });
    expect(dup.statusCode).toBe(409);
    const weak = await create({
      username: 'weak.one',
      displayName: 'x',
      password: 'short',
      roles: ['officer'],
      orgId: yangmei,
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors).toEqual([
      { path: '/password', message: expect.stringContaining('10 characters') },
    ]);
    const org = await create({
      username: 'lost.one',
      displayName: 'x',
      password: 'Strong-pass-2026',
      roles: ['officer'],
      orgId: 'nowhere',
    });
    expect(org.json().errors[0].path).toBe('/orgId');
    const both = await create({
      username: 'super.user',
      displayName: 'x',
      password: 'Strong-pass-2026',
      roles: ['system-admin', 'auditor'],
      orgId: yangmei,
    });
    expect(both.statusCode).toBe(400);
    expect(both.json().detail).toMatch(/administrator roles/);
    const badRole = await create({
      username: 'role.x',
      displayName: 'x',
      password: 'Strong-pass-2026',
      roles: ['king'],
      orgId: yangmei,
    });
    expect(badRole.statusCode).toBe(400);
    expect(badRole.json().errors[0].path).toBe('body/roles/0');
  });

  it('keeps the three administrator duties apart and officers out', async () => {
    for (const who of ['officer', 'auditor', 'commander']) {
      const cookie = await t.login(who);
      expect((await t.as(cookie, { method: 'GET', url: '/api/users' })).statusCode).toBe(403);
    }
    const security = await t.login('security-admin');
    expect((await t.as(security, { method: 'GET', url: '/api/users' })).statusCode).toBe(200);
    const created = await create(
      {
        username: 'sec.try',
        displayName: 'x',
        password: 'Strong-pass-2026',
        roles: ['officer'],
        orgId: yangmei,
      },
      security,
    );
    expect(created.statusCode).toBe(403);
  });

  it('lists with search and paging, and audits the read', async () => {
    const res = await t.as(admin, { method: 'GET', url: '/api/users?q=officer-&page=1&pageSize=5' });
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(18);
    expect(res.json().items).toHaveLength(5);
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('action', '=', 'user.list')
      .execute();
    expect(audit.some((a) => a.actor === 'system-admin')).toBe(true);
  });

  it('disabling a user ends their sessions; unlock and password reset work', async () => {
    const victim = await t.login('officer-daming');
    const list = (await t.as(admin, { method: 'GET', url: '/api/users?q=officer-daming' })).json();
    const id = list.items[0].id;
    const patch = await t.as(admin, {
      method: 'PATCH',
      url: `/api/users/${id}`,
      payload: { status: 'disabled' },
    });
    expect(patch.json().status).toBe('disabled');
    expect((await t.as(victim, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    await t.as(admin, { method: 'PATCH', url: `/api/users/${id}`, payload: { status: 'active' } });
    expect(
      (
        await t.as(admin, {
          method: 'POST',
          url: `/api/users/${id}/password`,
          payload: { password: 'New-secret-99' },
        })
      ).statusCode,
    ).toBe(204);
    expect((await t.as(admin, { method: 'POST', url: `/api/users/${id}/unlock` })).statusCode).toBe(204);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'officer-daming', password: 'New-secret-99' },
    });
    expect(login.statusCode).toBe(200);
  });

  it('answers 404 for a well-formed id that does not exist', async () => {
    const res = await t.as(admin, {
      method: 'PATCH',
      url: '/api/users/00000000-0000-4000-8000-000000000000',
      payload: { displayName: 'x' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
