import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditService } from '../audit/audit.service.ts';
import type { Clock } from '../clock.ts';
import type { DB } from '../db/schema.ts';
import { DomainError } from '../http/errors.ts';
import { verifyPassword } from './password.ts';
import type { Principal } from './principal.ts';
import type { SessionsRepo } from './sessions.repo.ts';
import type { AuthUser, UserStore } from './user-store.ts';

export interface AuthSettings {
  idleMinutes: number;
  maxFailures: number;
  lockMinutes: number;
}

/** Resolves an org id to its name, kind and ancestry (the orgs module answers it). */
export type OrgLookup = (
  tenantCode: string,
  orgId: string,
) => Promise<{ name: string; kind: Principal['scopeKind']; path: string[] } | undefined>;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const TOUCH_EVERY_MS = 30_000;

export function createAuthService(deps: {
  db: Kysely<DB>;
  users: UserStore;
  sessions: SessionsRepo;
  audit: AuditService;
  orgLookup: OrgLookup;
  clock: Clock;
  settings: AuthSettings;
}) {
  const { db, users, sessions, audit, orgLookup, clock, settings } = deps;

  async function principalOf(
    user: AuthUser,
    kind: Principal['sessionKind'],
    ip?: string,
  ): Promise<Principal> {
    const org = await orgLookup(user.tenantCode, user.orgId);
    return {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      tenantCode: user.tenantCode,
      roles: user.roles,
      orgId: user.orgId,
      orgName: org?.name ?? '',
      scopeKind: org?.kind ?? 'station',
      // An org that vanished leaves the user with no reach rather than the whole county.
      orgPath: org?.path ?? [],
      sessionKind: kind,
      ip,
    };
  }

  async function issue(
    user: AuthUser,
    kind: 'session' | 'token',
    name: string | null,
    expiresAt: Date | null,
  ) {
    const token = randomBytes(32).toString('base64url');
    await sessions.insert(db, {
      tokenHash: hashToken(token),
      tenantCode: user.tenantCode,
      userId: user.id,
      kind,
      name,
      now: clock.now(),
      expiresAt,
    });
    return token;
  }

  return {
    settings,

    async login(input: { tenantCode: string; username: string; password: string; ip?: string | undefined }) {
      const now = clock.now();
      const actor = {
        tenantCode: input.tenantCode,
        userId: `anonymous:${input.username}`,
        username: input.username,
        ip: input.ip,
      };
      const user = await users.findByUsername(db, input.tenantCode, input.username);
      if (user?.status !== 'active') {
        // Same answer for unknown and disabled accounts: no username probing.
        await audit.record(actor, {
          action: 'auth.login',
          resource: 'session',
          outcome: 'denied',
          reason: user ? 'account disabled' : 'unknown user',
        });
        throw new DomainError('unauthenticated', 'Login failed', 'Wrong username or password.');
      }
      if (user.lockedUntil && user.lockedUntil > now) {
        await audit.record(
          { ...actor, userId: user.id },
          { action: 'auth.login', resource: 'session', outcome: 'denied', reason: 'account locked' },
        );
        throw new DomainError(
          'locked',
          'Account locked',
          `Too many failed logins. Try again after ${user.lockedUntil.toISOString()}.`,
          {
            lockedUntil: user.lockedUntil.toISOString(),
          },
        );
      }
      if (!(await verifyPassword(input.password, user.passwordHash))) {
        // A lock that has expired starts a fresh count.
        const base = user.lockedUntil && user.lockedUntil <= now ? 0 : user.failedLogins;
        if (base === 0 && user.failedLogins > 0) await users.unlock(db, user.tenantCode, user.id);
        const failures = base + 1;
        const lockUntil =
          failures >= settings.maxFailures ? new Date(now.getTime() + settings.lockMinutes * 60_000) : null;
        await users.recordLoginFailure(db, user.tenantCode, user.id, lockUntil);
        await audit.record(
          { ...actor, userId: user.id },
          {
            action: 'auth.login',
            resource: 'session',
            outcome: 'denied',
            reason: 'wrong password',
            detail: { failures },
          },
        );
        if (lockUntil) {
          throw new DomainError(
            'locked',
            'Account locked',
            `Too many failed logins. Try again after ${lockUntil.toISOString()}.`,
            {
              lockedUntil: lockUntil.toISOString(),
            },
          );
        }
        throw new DomainError('unauthenticated', 'Login failed', 'Wrong username or password.', {
          remainingAttempts: settings.maxFailures - failures,
        });
      }
      await users.recordLoginSuccess(db, user.tenantCode, user.id, now);
      const token = await issue(user, 'session', null, null);
      const principal = await principalOf({ ...user, lastLoginAt: now }, 'session', input.ip);
      await audit.record(principal, { action: 'auth.login', resource: 'session', resourceId: user.id });
      return { token, principal };
    },

    /** The principal behind a session cookie or bearer token, or undefined when it is unknown, revoked or idle. */
    async authenticate(token: string, ip?: string): Promise<Principal | undefined> {
      const tokenHash = hashToken(token);
      const session = await sessions.find(db, tokenHash);
      const now = clock.now();
      if (!session || session.revokedAt) return undefined;
      if (session.expiresAt && session.expiresAt <= now) return undefined;
      if (
        session.kind === 'session' &&
        now.getTime() - session.lastSeenAt.getTime() > settings.idleMinutes * 60_000
      ) {
        await sessions.revoke(db, tokenHash, now);
        return undefined;
      }
      const user = await users.findById(db, session.tenantCode, session.userId);
      if (user?.status !== 'active') return undefined;
      if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS)
        await sessions.touch(db, tokenHash, now);
      return principalOf(user, session.kind, ip);
    },

    async logout(principal: Principal, token: string) {
      await sessions.revoke(db, hashToken(token), clock.now());
      await audit.record(principal, {
        action: 'auth.logout',
        resource: 'session',
        resourceId: principal.userId,
      });
    },

    /** A bearer token for a device or script, acting as the principal's user. */
    async createToken(principal: Principal, name: string, ttlDays: number) {
      const user = await users.findById(db, principal.tenantCode, principal.userId);
      if (!user) throw new DomainError('not-found', 'Not found', 'Your account no longer exists.');
      const expiresAt = new Date(clock.now().getTime() + ttlDays * 86_400_000);
      const token = await issue(user, 'token', name, expiresAt);
      await audit.record(principal, {
        action: 'auth.token.create',
        resource: 'token',
        detail: { name, expiresAt: expiresAt.toISOString() },
      });
      return { token, expiresAt };
    },

    principalOf,
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
