import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal.ts';
import type { Clock } from '../clock.ts';
import type { DB } from '../db/schema.ts';
import { type ChainProblem, verifyChain } from './audit-chain.ts';
import type { AuditQuery, AuditRepo } from './audit.repo.ts';

/** Who did it: an authenticated principal, or a named actor (login attempts, seeds, devices). */
export type Actor = Pick<Principal, 'tenantCode' | 'userId' | 'username'> & { ip?: string | undefined };

export interface AuditEvent {
  action: string;
  resource: string;
  resourceId?: string | null | undefined;
  outcome?: 'ok' | 'denied' | 'error';
  reason?: string | null | undefined;
  detail?: Record<string, unknown>;
}

export function createAuditService(deps: { db: Kysely<DB>; repo: AuditRepo; clock: Clock }) {
  const { db, repo, clock } = deps;
  const entry = (actor: Actor, e: AuditEvent) => ({
    tenantCode: actor.tenantCode,
    at: clock.now(),
    actorId: actor.userId.startsWith('anonymous:') ? null : actor.userId,
    actor: actor.username,
    action: e.action,
    resource: e.resource,
    resourceId: e.resourceId ?? null,
    outcome: e.outcome ?? 'ok',
    reason: e.reason ?? null,
    ip: actor.ip ?? null,
    detail: e.detail ?? {},
  });
  return {
    /** Records inside the caller's transaction: the audit row commits with the change it describes. */
    async write(trx: Kysely<DB>, actor: Actor, e: AuditEvent): Promise<void> {
      await repo.append(trx, entry(actor, e));
    },
    /** Records in its own transaction (reads, refusals, failed logins). */
    async record(actor: Actor, e: AuditEvent): Promise<void> {
      await db.transaction().execute((trx) => repo.append(trx, entry(actor, e)));
    },
    search(query: AuditQuery) {
      return repo.search(db, query);
    },
    async verify(tenantCode: string): Promise<{ ok: boolean; checked: number; firstBad?: ChainProblem }> {
      const result = await verifyChain(repo.scan(db, tenantCode));
      return { ok: !result.firstBad, ...result };
    },
    tenants() {
      return repo.tenantsWithAudit(db);
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
