import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json.ts';

export interface AuditEntry {
  tenantCode: string;
  seq: number;
  at: Date;
  actorId: string | null;
  actor: string;
  action: string;
  resource: string;
  resourceId: string | null;
  outcome: 'ok' | 'denied' | 'error';
  reason: string | null;
  ip: string | null;
  detail: Record<string, unknown>;
}

export const GENESIS_HASH = '0'.repeat(64);

/** SM3 (GB/T 32905) over the previous record's hash and this record's canonical form. */
export function chainHash(prevHash: string, entry: AuditEntry): string {
  const body = canonicalJson([
    entry.tenantCode,
    entry.seq,
    entry.at.toISOString(),
    entry.actorId,
    entry.actor,
    entry.action,
    entry.resource,
    entry.resourceId,
    entry.outcome,
    entry.reason,
    entry.ip,
    entry.detail,
  ]);
  return createHash('sm3').update(prevHash).update('\n').update(body).digest('hex');
}

export interface StoredAuditEntry extends AuditEntry {
  prevHash: string;
  hash: string;
}

export interface ChainProblem {
  seq: number;
  problem: string;
}

/**
 * Checks one tenant's records in sequence order. Returns the first record that was altered, removed
 * (a gap, or a broken link) or inserted out of chain.
 */
export async function verifyChain(
  entries: Iterable<StoredAuditEntry> | AsyncIterable<StoredAuditEntry>,
): Promise<{ checked: number; firstBad?: ChainProblem }> {
  let nextSeq = 1;
  let prev = GENESIS_HASH;
  for await (const e of entries) {
    const checked = nextSeq - 1;
    if (e.seq !== nextSeq) {
      return {
        checked,
        firstBad: {
          seq: e.seq,
          problem: `sequence gap: expected record ${nextSeq}, found ${e.seq} (records removed)`,
        },
      };
    }
    if (e.prevHash !== prev) {
      return {
        checked,
        firstBad: {
          seq: e.seq,
          problem: 'link to the previous record is broken (the record before it was altered or removed)',
        },
      };
    }
    if (chainHash(prev, e) !== e.hash) {
      return {
        checked,
        firstBad: { seq: e.seq, problem: 'content does not match its hash (record altered)' },
      };
    }
    prev = e.hash;
    nextSeq++;
  }
  return { checked: nextSeq - 1 };
}
