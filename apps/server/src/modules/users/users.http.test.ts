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

  it('refuses duplicates, weak passwords, unknown orgs and administrator roles, naming the field', async () => {
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
    // Administrator roles are never given through the API, alone or combined (三员分立).
    expect(both.statusCode).toBe(403);
    expect(both.json()).toMatchObject({ rule: 'admin-accounts-by-cli' });
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

  describe('三员分立: administrator accounts are made and reset only on the server', () => {
    const idOf = async (username: string) =>
      (await t.as(admin, { method: 'GET', url: `/api/users?q=${username}` }))
        .json()
        .items.find((u: { username: string }) => u.username === username).id as string;
    const refusedFor = (
      res: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
      rule: string,
    ) => {
      expect(res.statusCode).toBe(403);
      expect(String(res.headers['content-type'])).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 403, rule, detail: expect.stringContaining('三员分立') });
    };

    it('the system administrator cannot create an administrator account, an auditor included', async () => {
      for (const role of ['auditor', 'security-admin', 'system-admin']) {
        const res = await create({
          username: `new.${role}`,
          displayName: 'x',
          password: 'Strong-pass-2026',
          roles: [role],
          orgId: yangmei,
        });
        refusedFor(res, 'admin-accounts-by-cli');
      }
      const list = (await t.as(admin, { method: 'GET', url: '/api/users?q=new.' })).json();
      expect(list.total).toBe(0);
      const denied = await database.db
        .selectFrom('audit_log')
        .select(['reason', 'detail'])
        .where('action', '=', 'user.create')
        .where('outcome', '=', 'denied')
        .execute();
      const mine = denied.filter((d) =>
        String((d.detail as { username?: string }).username).startsWith('new.'),
      );
      expect(mine.map((d) => d.reason)).toEqual(Array(3).fill('admin-accounts-by-cli'));
    });

    it("the security administrator cannot reset the system administrator's or the auditor's password", async () => {
      const security = await t.login('security-admin');
      for (const target of ['system-admin', 'auditor', 'security-admin']) {
        const res = await t.as(security, {
          method: 'POST',
          url: `/api/users/${await idOf(target)}/password`,
          payload: { password: 'Taken-over-2026' },
        });
        refusedFor(res, 'admin-accounts-by-cli');
      }
      // Their passwords still work, nothing else does.
      await t.login('auditor');
      const taken = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'auditor', password: 'Taken-over-2026' },
      });
      expect(taken.statusCode).toBe(401);
      // The system administrator cannot either.
      const res = await t.as(admin, {
        method: 'POST',
        url: `/api/users/${await idOf('auditor')}/password`,
        payload: { password: 'Taken-over-2026' },
      });
      refusedFor(res, 'admin-accounts-by-cli');
    });

    it('nobody gives an administrator role, or changes or disables an administrator account', async () => {
      const officer = await idOf('officer-meihu');
      for (const role of ['auditor', 'security-admin', 'system-admin']) {
        const res = await t.as(admin, {
          method: 'PATCH',
          url: `/api/users/${officer}`,
          payload: { roles: [role] },
        });
        refusedFor(res, 'no-admin-role-grant');
      }
      const auditor = await idOf('auditor');
      for (const payload of [{ status: 'disabled' }, { displayName: '替身' }, { roles: ['officer'] }]) {
        refusedFor(
          await t.as(admin, { method: 'PATCH', url: `/api/users/${auditor}`, payload }),
          'admin-accounts-by-cli',
        );
      }
      // Unlocking gives no access: it stays allowed.
      const security = await t.login('security-admin');
      expect((await t.as(security, { method: 'POST', url: `/api/users/${auditor}/unlock` })).statusCode).toBe(
        204,
      );
      // Ordinary accounts are still managed as before.
      const ok = await t.as(admin, {
        method: 'PATCH',
        url: `/api/users/${officer}`,
        payload: { roles: ['officer', 'analyst'], displayName: '美湖值班民警' },
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().roles).toEqual(['officer', 'analyst']);
    });

    it('nobody changes their own roles', async () => {
      const res = await t.as(admin, {
        method: 'PATCH',
        url: `/api/users/${await idOf('system-admin')}`,
        payload: { roles: ['system-admin', 'commander'] },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ rule: 'own-roles', detail: 'Nobody changes their own roles.' });
    });
  });

  it("the security administrator lists and ends a user's sessions and tokens; nobody else does", async () => {
    const security = await t.login('security-admin');
    const victim = await t.login('officer-guobao');
    const other = await t.login('officer-guobao');
    const token = (
      await t.as(victim, {
        method: 'POST',
        url: '/api/auth/tokens',
        payload: { name: 'tracker', ttlDays: 7 },
      })
    ).json();
    const found = (await t.as(admin, { method: 'GET', url: '/api/users?q=officer-guobao' })).json();
    const id = found.items[0].id;
    for (const who of [admin, await t.login('auditor'), victim]) {
      expect((await t.as(who, { method: 'GET', url: `/api/users/${id}/sessions` })).statusCode).toBe(403);
      expect((await t.as(who, { method: 'DELETE', url: `/api/users/${id}/sessions` })).statusCode).toBe(403);
    }
    const list = await t.as(security, { method: 'GET', url: `/api/users/${id}/sessions` });
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(3);
    expect(list.body).not.toContain(token.token);
    const tokenRow = list.json().items.find((s: { kind: string }) => s.kind === 'token');
    expect(tokenRow).toMatchObject({ id: token.id, name: 'tracker', expiresAt: token.expiresAt });
    // One: the token.
    expect(
      (await t.as(security, { method: 'DELETE', url: `/api/users/${id}/sessions/${token.id}` })).statusCode,
    ).toBe(204);
    const bearer = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${token.token}` },
    });
    expect(bearer.statusCode).toBe(401);
    expect((await t.as(victim, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    // All the rest.
    expect((await t.as(security, { method: 'DELETE', url: `/api/users/${id}/sessions` })).statusCode).toBe(
      204,
    );
    for (const cookie of [victim, other])
      expect((await t.as(cookie, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    expect((await t.as(security, { method: 'GET', url: `/api/users/${id}/sessions` })).json().total).toBe(0);
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('actor', '=', 'security-admin')
      .where('action', 'like', 'user.sessions.%')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'user.sessions.list',
      'user.sessions.revoke',
      'user.sessions.revoke',
      'user.sessions.list',
    ]);
    expect(audit[2]!.detail).toMatchObject({ sessionId: null, ended: 2 });
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
