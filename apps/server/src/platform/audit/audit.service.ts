import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Principal } from '../auth/principal.ts';
import type { Clock } from '../clock.ts';
import type { DB } from '../db/schema.ts';
import { type ChainAnchor, type ChainProblem, verifyChain } from './audit-chain.ts';
import {
  type AuditCheckpoint,
  appendCheckpointLine,
  checkpointSignatureProblem,
  readCheckpointFile,
  signCheckpoint,
} from './audit-checkpoints.ts';
import { type AuditKeys, CHECKPOINT_SIGNATURE_ALGORITHM } from './audit-keys.ts';
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

/** A checkpoint that does not hold: in the table or the file, by the record it covers (or the file's line). */
export interface CheckpointProblem {
  source: 'table' | 'file';
  seq: number | null;
  at: string | null;
  line?: number;
  problem: string;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  firstBad?: ChainProblem;
  /** Checkpoints whose signature holds (table and file together, each counted once). */
  checkpointsChecked: number;
  latestCheckpointSeq: number | null;
  badCheckpoint?: CheckpointProblem;
}

export type CheckpointOutcome =
  | { written: AuditCheckpoint }
  | { skipped: string }
  | { refused: ChainProblem };

/** Default pause between checkpoints of a running server (written only when the chain's head moved). */
export const CHECKPOINT_INTERVAL_MS = 30_000;

export function createAuditService(deps: { db: Kysely<DB>; repo: AuditRepo; clock: Clock; keys: AuditKeys }) {
  const { db, repo, clock, keys } = deps;
  /** The newest checkpoint this process wrote or trusted, per tenant. */
  const lastCheckpoint = new Map<string, AuditCheckpoint>();
  let checkpointing = false;
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
  const chainKey = () => {
    if (!keys.chainKey) throw new Error('no audit key: set AUDIT_KEY or keep audit.key in DATA_DIR');
    return keys.chainKey;
  };

  async function fileCheckpoints(tenantCode: string | undefined) {
    const items: { line: number; checkpoint: AuditCheckpoint }[] = [];
    const problems: CheckpointProblem[] = [];
    for await (const l of readCheckpointFile(keys.checkpointFile)) {
      if (l.checkpoint) {
        if (tenantCode === undefined || l.checkpoint.tenantCode === tenantCode)
          items.push({ line: l.line, checkpoint: l.checkpoint });
      } else {
        problems.push({
          source: 'file',
          seq: null,
          at: null,
          line: l.line,
          problem: l.problem ?? 'unreadable',
        });
      }
    }
    return { items, problems };
  }

  async function verify(tenantCode: string): Promise<AuditVerification> {
    const table = (await repo.checkpoints(db, tenantCode)).items.reverse();
    const file = await fileCheckpoints(tenantCode);
    const problems: CheckpointProblem[] = [];
    const anchors: ChainAnchor[] = [];
    const trusted = new Set<string>();
    const trust = (cp: AuditCheckpoint) => {
      anchors.push({ seq: cp.seq, headHash: cp.headHash, label: `of ${cp.at}` });
      trusted.add(`${cp.seq}:${cp.signature}`);
    };
    const bySeq = new Map<number, AuditCheckpoint>();
    for (const cp of table) {
      bySeq.set(cp.seq, cp);
      const problem = checkpointSignatureProblem(keys.checkpointKey, cp);
      if (problem) problems.push({ source: 'table', seq: cp.seq, at: cp.at, problem });
      else trust(cp);
    }
    for (const { line, checkpoint: cp } of file.items) {
      const problem = checkpointSignatureProblem(keys.checkpointKey, cp);
      if (problem) {
        problems.push({ source: 'file', seq: cp.seq, at: cp.at, line, problem });
        continue;
      }
      trust(cp);
      const row = bySeq.get(cp.seq);
      if (!row) {
        problems.push({
          source: 'table',
          seq: cp.seq,
          at: cp.at,
          line,
          problem: 'in the checkpoint file but missing from the table (checkpoint rows deleted)',
        });
      } else if (row.signature !== cp.signature || row.headHash !== cp.headHash) {
        problems.push({
          source: 'table',
          seq: cp.seq,
          at: cp.at,
          line,
          problem: "the table's row differs from the checkpoint file's (checkpoint replaced)",
        });
      }
    }
    problems.push(...file.problems);
    const chain = await verifyChain(repo.scan(db, tenantCode), { key: keys.chainKey, anchors });
    const latest = anchors.reduce<number | null>((m, a) => (m === null || a.seq > m ? a.seq : m), null);
    const result: AuditVerification = {
      ok: !chain.firstBad && problems.length === 0,
      checked: chain.checked,
      checkpointsChecked: trusted.size,
      latestCheckpointSeq: latest,
    };
    if (chain.firstBad) result.firstBad = chain.firstBad;
    if (problems[0]) result.badCheckpoint = problems[0];
    return result;
  }

  /** The newest checkpoint to continue from: this process's, or the table's newest that is genuinely signed. */
  async function trustedLast(tenantCode: string): Promise<AuditCheckpoint | undefined> {
    let last = lastCheckpoint.get(tenantCode);
    const newest = (await repo.checkpoints(db, tenantCode, { limit: 20, offset: 0 })).items;
    const valid = newest.find((cp) => !checkpointSignatureProblem(keys.checkpointKey, cp));
    if (valid && (!last || valid.seq > last.seq)) last = valid;
    return last;
  }

  /**
   * Signs the tenant's chain head when it moved since the last checkpoint, after checking the records written
   * since then (with the key): a head that was cut back or rewritten is refused, never signed.
   */
  async function checkpoint(tenantCode: string): Promise<CheckpointOutcome> {
    const key = keys.checkpointKey;
    if (!key?.privateKey) return { skipped: 'no checkpoint signing key (audit-checkpoint.key in DATA_DIR)' };
    const headSeq = await repo.headSeq(db, tenantCode);
    if (headSeq === 0) return { skipped: 'no audit records' };
    const last = await trustedLast(tenantCode);
    if (last && headSeq < last.seq) {
      return {
        refused: {
          seq: headSeq + 1,
          problem: `missing: the trail ends at record ${headSeq}, but the signed checkpoint of ${last.at} covers ${last.seq} records (records removed from the end)`,
        },
      };
    }
    if (last && headSeq === last.seq) return { skipped: 'head unchanged' };
    let start: { seq: number; hash: string; keyed: boolean } | undefined;
    if (last) {
      const at = await repo.record(db, tenantCode, last.seq);
      if (!at || at.hash !== last.headHash) {
        return {
          refused: {
            seq: last.seq,
            problem: `hash differs from the signed checkpoint of ${last.at} (record altered or the chain recomputed)`,
          },
        };
      }
      start = { seq: last.seq, hash: last.headHash, keyed: at.hashAlg === 'hmac-sm3' };
    }
    const chain = await verifyChain(repo.scan(db, tenantCode, start?.seq ?? 0), {
      key: keys.chainKey,
      start,
    });
    if (chain.firstBad) return { refused: chain.firstBad };
    if (!chain.head) return { skipped: 'head unchanged' };
    const cp = signCheckpoint(key, {
      tenantCode,
      seq: chain.head.seq,
      headHash: chain.head.hash,
      recordCount: chain.checked,
      at: clock.now().toISOString(),
    });
    if (!(await repo.insertCheckpoint(db, cp))) return { skipped: 'another server signed this head' };
    appendCheckpointLine(keys.checkpointFile, cp);
    lastCheckpoint.set(tenantCode, cp);
    return { written: cp };
  }

  async function tenants(): Promise<string[]> {
    const [records, signed, file] = await Promise.all([
      repo.tenantsWithAudit(db),
      repo.tenantsWithCheckpoints(db),
      fileCheckpoints(undefined),
    ]);
    return [...new Set([...records, ...signed, ...file.items.map((i) => i.checkpoint.tenantCode)])].sort();
  }

  return {
    /** Records inside the caller's transaction: the audit row commits with the change it describes. */
    async write(trx: Kysely<DB>, actor: Actor, e: AuditEvent): Promise<void> {
      await repo.append(trx, entry(actor, e), chainKey());
    },
    /** Records in its own transaction (reads, refusals, failed logins). */
    async record(actor: Actor, e: AuditEvent): Promise<void> {
      const key = chainKey();
      await db.transaction().execute((trx) => repo.append(trx, entry(actor, e), key));
    },
    search(query: AuditQuery) {
      return repo.search(db, query);
    },
    /**
     * Checks the chain (HMAC-SM3 with the key, legacy SM3 only before the first keyed record) against every
     * signed checkpoint of the table and the file. A running server then checkpoints the verified head.
     */
    async verify(tenantCode: string, log?: Pick<Logger, 'error'>): Promise<AuditVerification> {
      const result = await verify(tenantCode);
      if (result.ok && checkpointing) {
        await checkpoint(tenantCode).catch((error: unknown) =>
          log?.error({ err: error, tenantCode }, 'audit checkpoint after verify failed'),
        );
      }
      return result;
    },
    checkpoint,
    listCheckpoints(tenantCode: string, page?: { limit: number; offset: number }) {
      return repo.checkpoints(db, tenantCode, page);
    },
    /** The public half of the checkpoint key, for checking checkpoints outside Ronghui. */
    checkpointKey() {
      const key = keys.checkpointKey;
      return key
        ? { algorithm: CHECKPOINT_SIGNATURE_ALGORITHM, keyId: key.keyId, publicKey: key.publicKeyPem }
        : undefined;
    },
    tenants,
    /**
     * A running server's checkpoints: every `intervalMs` for each tenant whose head moved, after each verify
     * that passed, and once more at `stop()`. A chain that fails its check is logged, not signed.
     */
    startCheckpoints(options: {
      log: Pick<Logger, 'error'>;
      tenants?: () => Promise<string[]>;
      intervalMs?: number;
    }) {
      checkpointing = true;
      const listTenants = options.tenants ?? (() => repo.tenantsWithAudit(db));
      const tick = async () => {
        for (const tenantCode of await listTenants()) {
          try {
            const outcome = await checkpoint(tenantCode);
            if ('refused' in outcome)
              options.log.error(
                { tenantCode, seq: outcome.refused.seq, problem: outcome.refused.problem },
                'audit trail fails its check: checkpoint not signed',
              );
          } catch (error) {
            options.log.error({ err: error, tenantCode }, 'audit checkpoint failed');
          }
        }
      };
      let running: Promise<void> | undefined;
      const run = () => {
        running ??= tick().finally(() => {
          running = undefined;
        });
        return running;
      };
      const timer = setInterval(run, options.intervalMs ?? CHECKPOINT_INTERVAL_MS);
      timer.unref();
      return {
        async stop() {
          clearInterval(timer);
          await running;
          await run().catch(() => {});
          checkpointing = false;
        },
      };
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
