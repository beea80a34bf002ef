import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditService } from '../audit/audit.service.ts';
import type { Clock } from '../clock.ts';
import type { DB } from '../db/schema.ts';
import { DomainError, invalid, notFound } from '../http/errors.ts';
import { createLoginFailuresRepo, type LoginFailuresRepo } from './login-failures.repo.ts';
import { hashPassword, verifyPassword } from './password.ts';
import type { Principal } from './principal.ts';
import { ADMIN_ROLES, type Role } from './roles.ts';
import type { SessionRecord, SessionsRepo } from './sessions.repo.ts';
import type { AuthUser, UserStore } from './user-store.ts';

export interface AuthSettings {
  idleMinutes: number;
  /** Failed logins of one account name from one source address before that pair is locked. */
  maxFailures: number;
  lockMinutes: number;
  /** Delay before answering the first failed login; it doubles with each further failure. */
  delayMs?: number | undefined;
  /** The longest delay before answering a failed login. */
  delayMaxMs?: number | undefined;
  /** Longest life of a bearer token, in days; older tokens stop working whatever they were made for. */
  tokenMaxDays?: number | undefined;
  /** Roles that may hold bearer tokens; an administrator role never may. Unset: every other role. */
  tokenRoles?: readonly Role[] | undefined;
}

/** Sessions or tokens that ended: all of the user's when `tokenHashes` is absent. */
export interface SessionsEnded {
  userId: string;
  tenantCode: string;
  tokenHashes?: string[];
}

/** Resolves an org id to its name, kind and ancestry (the orgs module answers it). */
export type OrgLookup = (
  tenantCode: string,
  orgId: string,
) => Promise<{ name: string; kind: Principal['scopeKind']; path: string[] } | undefined>;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const TOUCH_EVERY_MS = 30_000;
const PRUNE_EVERY_MS = 60_000;
const DAY_MS = 86_400_000;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A token lives until its own expiry or `tokenMaxDays` after it was made, whichever comes first. */
function tokenExpiry(s: Pick<SessionRecord, 'createdAt' | 'expiresAt'>, maxDays: number): Date {
  const cap = new Date(s.createdAt.getTime() + maxDays * DAY_MS);
  return s.expiresAt && s.expiresAt < cap ? s.expiresAt : cap;
}

export function createAuthService(deps: {
  db: Kysely<DB>;
  users: UserStore;
  sessions: SessionsRepo;
  loginFailures?: LoginFailuresRepo;
  audit: AuditService;
  orgLookup: OrgLookup;
  clock: Clock;
  settings: AuthSettings;
  /** Waits before a failed login is answered (tests pass one that only records). */
  sleep?: (ms: number) => Promise<void>;
  /** Told after sessions or tokens end (logout, logout everywhere, revocation), e.g. to close live channels. */
  onSessionsEnded?: (e: SessionsEnded) => void;
}) {
  const { db, users, sessions, audit, orgLookup, clock } = deps;
  const loginFailures = deps.loginFailures ?? createLoginFailuresRepo();
  const sleep = deps.sleep ?? realSleep;
  const settings = {
    ...deps.settings,
    delayMs: deps.settings.delayMs ?? 0,
    delayMaxMs: deps.settings.delayMaxMs ?? 0,
    tokenMaxDays: deps.settings.tokenMaxDays ?? 90,
    tokenRoles: deps.settings.tokenRoles ?? [],
  };
  let lastPrune = 0;
  // Unknown accounts are checked against this hash, so that every failed login costs one scrypt.
  let dummyHash: Promise<string> | undefined;
  const dummy = () => {
    dummyHash ??= hashPassword(randomBytes(18).toString('base64'));
    return dummyHash;
  };

  function sessionsEnded(e: SessionsEnded) {
    try {
      deps.onSessionsEnded?.(e);
    } catch {
      // A listener's failure must not undo or fail the logout it is told about.
    }
  }

  /** Whether an account with these roles may hold a bearer token (never an administrator). */
  function mayHoldToken(roles: readonly Role[]): boolean {
    if (roles.some((r) => ADMIN_ROLES.includes(r))) return false;
    return settings.tokenRoles.length === 0 || roles.every((r) => settings.tokenRoles.includes(r));
  }

  /** Delay before answering the n-th failed login: delayMs · 2^(n−1), at most delayMaxMs. */
  function failureDelay(failures: number): number {
    if (settings.delayMs <= 0) return 0;
    const ms = settings.delayMs * 2 ** Math.min(Math.max(failures - 1, 0), 20);
    return Math.min(ms, Math.max(settings.delayMaxMs, settings.delayMs));
  }

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
    const id = randomUUID();
    await sessions.insert(db, {
      id,
      tokenHash: hashToken(token),
      tenantCode: user.tenantCode,
      userId: user.id,
      kind,
      name,
      now: clock.now(),
      expiresAt,
    });
    return { id, token };
  }

  /** Why a stored session no longer counts, or undefined while it does (lastSeen is only read). */
  function endedBecause(session: SessionRecord, now: Date): 'revoked' | 'expired' | 'idle' | undefined {
    if (session.revokedAt) return 'revoked';
    if (session.kind === 'token')
      return tokenExpiry(session, settings.tokenMaxDays) <= now ? 'expired' : undefined;
    if (session.expiresAt && session.expiresAt <= now) return 'expired';
    if (now.getTime() - session.lastSeenAt.getTime() > settings.idleMinutes * 60_000) return 'idle';
    return undefined;
  }

  async function activeUserOf(session: SessionRecord): Promise<AuthUser | undefined> {
    const user = await users.findById(db, session.tenantCode, session.userId);
    if (user?.status !== 'active') return undefined;
    if (session.kind === 'token' && !mayHoldToken(user.roles)) return undefined;
    return user;
  }

  const lockedError = (until: Date) =>
    new DomainError(
      'locked',
      'Account locked',
      `Too many failed logins. Try again after ${until.toISOString()}.`,
      {
        lockedUntil: until.toISOString(),
      },
    );

  function presentToken(s: SessionRecord) {
    return {
      id: s.id,
      name: s.name ?? '',
      createdAt: s.createdAt,
      expiresAt: tokenExpiry(s, settings.tokenMaxDays),
      lastUsedAt: s.lastSeenAt,
    };
  }

  return {
    settings,

    /**
     * Signs in. Unknown, disabled and wrong-password logins get the same answer after the same work (one
     * scrypt each); failures are counted per account name and source address, each answered after a
     * growing delay, and the pair is locked after `maxFailures`.
     */
    async login(input: { tenantCode: string; username: string; password: string; ip?: string | undefined }) {
      const now = clock.now();
      const key = { tenantCode: input.tenantCode, username: input.username, sourceIp: input.ip ?? 'unknown' };
      const actor = {
        tenantCode: input.tenantCode,
        userId: `anonymous:${input.username}`,
        username: input.username,
        ip: input.ip,
      };
      const [prior, user] = await Promise.all([
        loginFailures.find(db, key),
        users.findByUsername(db, input.tenantCode, input.username),
      ]);
      const who = { ...actor, userId: user?.id ?? actor.userId };
      if (prior?.lockedUntil && prior.lockedUntil > now) {
        await audit.record(who, {
          action: 'auth.login',
          resource: 'session',
          outcome: 'denied',
          reason: 'account locked',
          detail: { failures: prior.failures },
        });
        await sleep(failureDelay(prior.failures));
        throw lockedError(prior.lockedUntil);
      }
      const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? (await dummy()));
      if (user?.status !== 'active' || !passwordOk) {
        const reason = !user
          ? 'unknown user'
          : user.status !== 'active'
            ? 'account disabled'
            : 'wrong password';
        const counted = await loginFailures.record(db, key, {
          now,
          forgetBefore: new Date(now.getTime() - settings.lockMinutes * 60_000),
          lockUntil: new Date(now.getTime() + settings.lockMinutes * 60_000),
          maxFailures: settings.maxFailures,
        });
        await audit.record(who, {
          action: 'auth.login',
          resource: 'session',
          outcome: 'denied',
          reason,
          detail: { failures: counted.failures },
        });
        if (now.getTime() - lastPrune > PRUNE_EVERY_MS) {
          lastPrune = now.getTime();
          await loginFailures.prune(db, new Date(now.getTime() - settings.lockMinutes * 60_000), now);
        }
        await sleep(failureDelay(counted.failures));
        if (counted.lockedUntil && counted.lockedUntil > now) throw lockedError(counted.lockedUntil);
        throw new DomainError('unauthenticated', 'Login failed', 'Wrong username or password.', {
          remainingAttempts: Math.max(settings.maxFailures - counted.failures, 0),
        });
      }
      if (prior) await loginFailures.clear(db, key);
      await users.recordLoginSuccess(db, user.tenantCode, user.id, now);
      const { token } = await issue(user, 'session', null, null);
      const principal = await principalOf({ ...user, lastLoginAt: now }, 'session', input.ip);
      await audit.record(principal, { action: 'auth.login', resource: 'session', resourceId: user.id });
      return { token, principal };
    },

    /** The principal behind a session cookie or bearer token, or undefined when it is unknown, revoked or idle. */
    async authenticate(token: string, ip?: string): Promise<Principal | undefined> {
      const tokenHash = hashToken(token);
      const session = await sessions.find(db, tokenHash);
      const now = clock.now();
      if (!session) return undefined;
      const ended = endedBecause(session, now);
      if (ended === 'idle') await sessions.revoke(db, tokenHash, now);
      if (ended) return undefined;
      const user = await activeUserOf(session);
      if (!user) return undefined;
      if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS)
        await sessions.touch(db, tokenHash, now);
      return principalOf(user, session.kind, ip);
    },

    /**
     * Whether a session or token (by its SHA-256, `hashToken`) still holds: not revoked, not expired, not
     * idle, its user active. Reads only: it does not count as activity and does not keep a session alive.
     */
    async check(tokenHash: string): Promise<Principal | undefined> {
      const session = await sessions.find(db, tokenHash);
      if (!session || endedBecause(session, clock.now())) return undefined;
      const user = await activeUserOf(session);
      return user && principalOf(user, session.kind);
    },

    /** Ends this session (or bearer token); with `everywhere`, every session and token of the user. */
    async logout(principal: Principal, token: string, options: { everywhere?: boolean } = {}) {
      const now = clock.now();
      if (options.everywhere) {
        const ended = await sessions.revokeOfUser(db, principal.tenantCode, principal.userId, now);
        await audit.record(principal, {
          action: 'auth.logout',
          resource: 'session',
          resourceId: principal.userId,
          detail: { everywhere: true, ended: ended.length },
        });
        sessionsEnded({ userId: principal.userId, tenantCode: principal.tenantCode });
        return;
      }
      const tokenHash = hashToken(token);
      await sessions.revoke(db, tokenHash, now);
      await audit.record(principal, {
        action: 'auth.logout',
        resource: 'session',
        resourceId: principal.userId,
      });
      sessionsEnded({ userId: principal.userId, tenantCode: principal.tenantCode, tokenHashes: [tokenHash] });
    },

    /** A bearer token for a device or script, acting as the principal's user (never an administrator). */
    async createToken(principal: Principal, name: string, ttlDays?: number | undefined) {
      const refuse = async (reason: string, detail: string) => {
        await audit.record(principal, {
          action: 'auth.token.create',
          resource: 'token',
          outcome: 'denied',
          reason,
          detail: { name },
        });
        throw new DomainError('forbidden', 'Forbidden', detail, { rule: reason });
      };
      if (principal.sessionKind !== 'session')
        await refuse(
          'token-from-session',
          'Bearer tokens are made from a signed-in session, not from another token.',
        );
      const user = await users.findById(db, principal.tenantCode, principal.userId);
      if (!user) throw new DomainError('not-found', 'Not found', 'Your account no longer exists.');
      if (user.roles.some((r) => ADMIN_ROLES.includes(r)))
        await refuse(
          'no-admin-tokens',
          'Administrator accounts hold no bearer tokens (三员分立): sign in instead.',
        );
      if (!mayHoldToken(user.roles))
        await refuse(
          'token-roles',
          `Only these roles may hold bearer tokens: ${settings.tokenRoles.join(', ')} (TOKEN_ROLES).`,
        );
      const days = ttlDays ?? settings.tokenMaxDays;
      if (days > settings.tokenMaxDays)
        throw invalid('/ttlDays', `must be at most ${settings.tokenMaxDays} days (TOKEN_MAX_DAYS)`);
      const expiresAt = new Date(clock.now().getTime() + days * DAY_MS);
      const { id, token } = await issue(user, 'token', name, expiresAt);
      await audit.record(principal, {
        action: 'auth.token.create',
        resource: 'token',
        resourceId: id,
        detail: { name, expiresAt: expiresAt.toISOString() },
      });
      return { id, token, expiresAt };
    },

    /** The principal's own live bearer tokens (never their secrets). */
    async listTokens(principal: Principal) {
      const rows = await sessions.listLive(db, principal.tenantCode, principal.userId, clock.now(), 'token');
      const now = clock.now();
      const items = rows.filter((s) => !endedBecause(s, now)).map(presentToken);
      await audit.record(principal, {
        action: 'auth.token.list',
        resource: 'token',
        detail: { returned: items.length },
      });
      return items;
    },

    /** Revokes one of the principal's own bearer tokens. */
    async revokeToken(principal: Principal, id: string) {
      const ended = await sessions.revokeOfUser(db, principal.tenantCode, principal.userId, clock.now(), {
        ids: [id],
        kind: 'token',
      });
      if (ended.length === 0) throw notFound('token', id);
      await audit.record(principal, { action: 'auth.token.revoke', resource: 'token', resourceId: id });
      sessionsEnded({ userId: principal.userId, tenantCode: principal.tenantCode, tokenHashes: ended });
    },

    /** The live sessions and tokens of any user of the tenant (the caller checks who may ask). */
    async sessionsOf(tenantCode: string, userId: string) {
      const now = clock.now();
      const rows = await sessions.listLive(db, tenantCode, userId, now);
      return rows
        .filter((s) => !endedBecause(s, now))
        .map((s) => ({
          id: s.id,
          kind: s.kind,
          name: s.name,
          createdAt: s.createdAt,
          expiresAt: s.kind === 'token' ? tokenExpiry(s, settings.tokenMaxDays) : s.expiresAt,
          lastUsedAt: s.lastSeenAt,
        }));
    },

    /**
     * Ends sessions/tokens of a user inside the caller's transaction (all, or those with the given ids) and
     * answers what ended; call `sessionsEnded` after the transaction commits.
     */
    async endSessionsIn(trx: Kysely<DB>, tenantCode: string, userId: string, ids?: string[]) {
      return sessions.revokeOfUser(trx, tenantCode, userId, clock.now(), ids ? { ids } : undefined);
    },

    sessionsEnded,
    mayHoldToken,
    principalOf,
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
