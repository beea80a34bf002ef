import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testServices } from '../../../../../test/support/db.ts';
import { DEMO_PASSWORD } from '../../../../../test/support/http.ts';
import type { Services } from '../../main.ts';
import { createUsersRepo, createUsersService } from '../../modules/users/index.ts';
import { manualClock } from '../clock.ts';
import type { Database } from '../db/database.ts';
import { type AuthService, createAuthService, hashToken, type SessionsEnded } from './auth.service.ts';
import { createSessionsRepo } from './sessions.repo.ts';

/** What the live channel needs of the auth service: `check` and `onSessionsEnded`. */
describe('auth service for the live channel (pglite)', () => {
  let database: Database;
  let services: Services;
  let auth: AuthService;
  const clock = manualClock(new Date('2026-12-06T01:00:00Z'));
  const ended: SessionsEnded[] = [];

  beforeAll(async () => {
    database = await openTestDatabase('pglite', { demo: true });
    services = await testServices(database, { clock });
    auth = createAuthService({
      db: database.db,
      users: createUsersRepo(),
      sessions: createSessionsRepo(),
      audit: services.audit,
      orgLookup: services.orgs.lookup,
      clock,
      settings: { idleMinutes: 30, maxFailures: 5, lockMinutes: 15, tokenMaxDays: 90 },
      onSessionsEnded: (e) => ended.push(e),
    });
  });
  afterAll(async () => {
    await database?.close();
  });

  const signIn = (username: string) =>
    auth.login({ tenantCode: '350526', username, password: DEMO_PASSWORD, ip: '10.0.0.1' });

  it('check says whether a session holds, without counting as activity', async () => {
    const { token, principal } = await signIn('officer-xunzhong');
    const hash = hashToken(token);
    expect(await auth.check(hash)).toMatchObject({ userId: principal.userId, sessionKind: 'session' });
    expect(await auth.check(hashToken('not-a-token'))).toBeUndefined();
    // Checked every few minutes for 40 minutes: the session still idles out after 30.
    for (let minute = 0; minute < 40; minute += 5) {
      clock.advance(5 * 60_000);
      await auth.check(hash);
    }
    expect(await auth.check(hash)).toBeUndefined();
    expect(await auth.authenticate(token)).toBeUndefined();
  });

  it('check refuses a session that was logged out, and the logout is announced with its hash', async () => {
    const { token, principal } = await signIn('officer-longxun');
    const hash = hashToken(token);
    ended.length = 0;
    await auth.logout(principal, token);
    expect(ended).toEqual([{ userId: principal.userId, tenantCode: '350526', tokenHashes: [hash] }]);
    expect(await auth.check(hash)).toBeUndefined();
  });

  it('announces logout everywhere and token revocation; check follows', async () => {
    const { token, principal } = await signIn('officer-sanban');
    const device = await auth.createToken(principal, 'tracker', 30);
    expect(await auth.check(hashToken(device.token))).toMatchObject({ sessionKind: 'token' });
    ended.length = 0;
    await auth.revokeToken(principal, device.id);
    expect(ended).toEqual([
      { userId: principal.userId, tenantCode: '350526', tokenHashes: [hashToken(device.token)] },
    ]);
    expect(await auth.check(hashToken(device.token))).toBeUndefined();
    expect(await auth.check(hashToken(token))).toBeDefined();
    ended.length = 0;
    await auth.logout(principal, token, { everywhere: true });
    // No hashes: every session and token of the user.
    expect(ended).toEqual([{ userId: principal.userId, tenantCode: '350526' }]);
    expect(await auth.check(hashToken(token))).toBeUndefined();
  });

  it('check refuses a token past its expiry, and one older than TOKEN_MAX_DAYS whatever it was made for', async () => {
    const { principal } = await signIn('officer-leifeng');
    const short = await auth.createToken(principal, 'short', 2);
    clock.advance(2 * 86_400_000 + 1);
    expect(await auth.check(hashToken(short.token))).toBeUndefined();
    // A token made for 365 days under an older policy.
    const old = await auth.createToken(principal, 'old', 30);
    await database.db
      .updateTable('sessions')
      .set({ expires_at: new Date(clock.now().getTime() + 365 * 86_400_000) })
      .where('token_hash', '=', hashToken(old.token))
      .execute();
    clock.advance(89 * 86_400_000);
    expect(await auth.check(hashToken(old.token))).toBeDefined();
    clock.advance(2 * 86_400_000);
    expect(await auth.check(hashToken(old.token))).toBeUndefined();
  });

  it('announces the security administrator ending sessions, and a disabled user; check follows', async () => {
    const users = createUsersService({
      db: database.db,
      repo: createUsersRepo(),
      auth,
      orgs: services.orgs,
      audit: services.audit,
      bus: services.bus,
      clock,
    });
    const { token, principal } = await signIn('officer-nancheng');
    const second = await signIn('officer-nancheng');
    const security = (await signIn('security-admin')).principal;
    const [one] = await auth.sessionsOf('350526', principal.userId);
    ended.length = 0;
    await users.revokeSessions(security, principal.userId, one!.id);
    expect(ended).toHaveLength(1);
    expect(ended[0]!.tokenHashes).toHaveLength(1);
    expect([hashToken(token), hashToken(second.token)]).toContain(ended[0]!.tokenHashes![0]);
    ended.length = 0;
    const admin = (await signIn('system-admin')).principal;
    await users.update(admin, principal.userId, { status: 'disabled' });
    expect(ended).toEqual([{ userId: principal.userId, tenantCode: '350526' }]);
    expect(await auth.check(hashToken(token))).toBeUndefined();
    expect(await auth.check(hashToken(second.token))).toBeUndefined();
  });
});
