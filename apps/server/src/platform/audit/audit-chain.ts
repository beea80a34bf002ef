import { createHash, createHmac } from 'node:crypto';
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

/**
 * How a record's hash was made: `hmac-sm3` (keyed with the audit key, every record written today) or `sm3`
 * (unkeyed, records written before the audit key existed; accepted only before the first keyed record).
 */
export type HashAlg = 'sm3' | 'hmac-sm3';

export const GENESIS_HASH = '0'.repeat(64);

function canonicalRecord(entry: AuditEntry): string {
  return canonicalJson([
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
}

/** Unkeyed SM3 (GB/T 32905) over the previous record's hash and this record's canonical form (legacy). */
export function chainHash(prevHash: string, entry: AuditEntry): string {
  return createHash('sm3').update(prevHash).update('\n').update(canonicalRecord(entry)).digest('hex');
}

/** HMAC-SM3 under the audit key over the same input: nobody without the key can recompute the chain. */
export function keyedChainHash(key: Buffer, prevHash: string, entry: AuditEntry): string {
  return createHmac('sm3', key).update(prevHash).update('\n').update(canonicalRecord(entry)).digest('hex');
}

export interface StoredAuditEntry extends AuditEntry {
  prevHash: string;
  hash: string;
  hashAlg: HashAlg;
}

export interface ChainProblem {
  seq: number;
  problem: string;
}

/** A signed statement that record `seq` had hash `headHash` when it was signed (`label` names it in reports). */
export interface ChainAnchor {
  seq: number;
  headHash: string;
  label: string;
}

export interface VerifyChainOptions {
  /** The audit key; without it keyed records cannot be checked (and are reported). */
  key?: Buffer | undefined;
  /** Signed checkpoints the chain must pass through. */
  anchors?: readonly ChainAnchor[] | undefined;
  /** Continue from a record already checked (its seq, hash, and whether the keyed chain had begun). */
  start?: { seq: number; hash: string; keyed: boolean } | undefined;
}

export interface ChainResult {
  /** Records known intact (before the first bad one). */
  checked: number;
  firstBad?: ChainProblem;
  /** The last record read, when the chain holds. */
  head?: { seq: number; hash: string; hashAlg: HashAlg };
}

/**
 * Checks one tenant's records in sequence order. Returns the first record that was altered, removed (a gap,
 * a broken link, or records missing at the end that a signed checkpoint covers), inserted out of chain,
 * rewritten without the key, or given the unkeyed algorithm after the keyed chain had begun.
 */
export async function verifyChain(
  entries: Iterable<StoredAuditEntry> | AsyncIterable<StoredAuditEntry>,
  options: VerifyChainOptions = {},
): Promise<ChainResult> {
  const anchors = new Map<number, ChainAnchor>();
  for (const a of options.anchors ?? []) if (a.seq > (options.start?.seq ?? 0)) anchors.set(a.seq, a);
  let nextSeq = (options.start?.seq ?? 0) + 1;
  let prev = options.start?.hash ?? GENESIS_HASH;
  let keyedFrom: number | undefined = options.start?.keyed ? options.start.seq : undefined;
  // Records up to the newest checkpoint passed are vouched for; a mismatch further on may reach back to it.
  let vouched = options.start?.seq ?? 0;
  let head: ChainResult['head'];
  const bad = (seq: number, problem: string, checked = nextSeq - 1): ChainResult => ({
    checked,
    firstBad: { seq, problem },
  });
  for await (const e of entries) {
    if (e.seq !== nextSeq) {
      return bad(e.seq, `sequence gap: expected record ${nextSeq}, found ${e.seq} (records removed)`);
    }
    if (e.prevHash !== prev) {
      return bad(
        e.seq,
        'link to the previous record is broken (the record before it was altered or removed)',
      );
    }
    if (e.hashAlg === 'hmac-sm3') {
      if (!options.key) {
        return bad(
          e.seq,
          'keyed (HMAC-SM3) record, but no audit key to check it (set AUDIT_KEY or put audit.key in DATA_DIR)',
        );
      }
      if (keyedChainHash(options.key, prev, e) !== e.hash) {
        return bad(
          e.seq,
          'content does not match its HMAC-SM3 (record altered, or the chain recomputed without the audit key)',
        );
      }
      keyedFrom ??= e.seq;
    } else if (e.hashAlg === 'sm3') {
      if (keyedFrom !== undefined) {
        return bad(
          e.seq,
          `unkeyed SM3 record after the keyed chain began (record ${keyedFrom} is keyed): forged, records rewritten without the audit key`,
        );
      }
      if (chainHash(prev, e) !== e.hash) {
        return bad(e.seq, 'content does not match its hash (record altered)');
      }
    } else {
      return bad(e.seq, `unknown hash algorithm "${String(e.hashAlg)}" (record altered)`);
    }
    const anchor = anchors.get(e.seq);
    if (anchor) {
      if (anchor.headHash !== e.hash) {
        return bad(
          e.seq,
          `hash differs from the signed checkpoint ${anchor.label} (records after record ${vouched} were rewritten and the chain recomputed)`,
          vouched,
        );
      }
      vouched = e.seq;
    }
    prev = e.hash;
    head = { seq: e.seq, hash: e.hash, hashAlg: e.hashAlg };
    nextSeq++;
  }
  const last = nextSeq - 1;
  let beyond: ChainAnchor | undefined;
  for (const a of anchors.values()) if (a.seq > last && (!beyond || a.seq > beyond.seq)) beyond = a;
  if (beyond) {
    return bad(
      last + 1,
      `missing: the trail ends at record ${last}, but the signed checkpoint ${beyond.label} covers ${beyond.seq} records (records removed from the end)`,
    );
  }
  return head ? { checked: last, head } : { checked: last };
}
