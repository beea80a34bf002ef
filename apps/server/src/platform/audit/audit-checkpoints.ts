import {
  createReadStream,
  existsSync,
  appendFileSync,
  closeSync,
  openSync,
  readSync,
  statSync,
} from 'node:fs';
import { createInterface } from 'node:readline';
import { canonicalJson } from '../canonical-json.ts';
import { type CheckpointKey, signCheckpointMessage, verifyCheckpointMessage } from './audit-keys.ts';

/**
 * A signed statement about one tenant's audit chain: at `at`, record `seq` was its head with hash `headHash`
 * and the chain held `recordCount` records. Kept in the `audit_checkpoints` table and, one JSON object per
 * line, in `<DATA_DIR>/audit-checkpoints.jsonl`. The signed message is the canonical JSON (keys sorted, no
 * spaces) of the checkpoint without `signature`.
 */
export interface AuditCheckpoint {
  tenantCode: string;
  seq: number;
  headHash: string;
  recordCount: number;
  at: string;
  keyId: string;
  signature: string;
}

export function checkpointMessage(cp: Omit<AuditCheckpoint, 'signature'> & { signature?: string }): string {
  return canonicalJson({
    at: cp.at,
    headHash: cp.headHash,
    keyId: cp.keyId,
    recordCount: cp.recordCount,
    seq: cp.seq,
    tenantCode: cp.tenantCode,
  });
}

export function signCheckpoint(
  key: CheckpointKey,
  cp: Omit<AuditCheckpoint, 'keyId' | 'signature'>,
): AuditCheckpoint {
  if (!key.privateKey) throw new Error('no audit checkpoint private key to sign with');
  const unsigned = { ...cp, keyId: key.keyId };
  return { ...unsigned, signature: signCheckpointMessage(key.privateKey, checkpointMessage(unsigned)) };
}

/** Why a checkpoint's signature does not hold, or undefined when it does. */
export function checkpointSignatureProblem(
  key: CheckpointKey | undefined,
  cp: AuditCheckpoint,
): string | undefined {
  if (!key) return 'no audit-checkpoint.pub in DATA_DIR to check its signature';
  if (cp.keyId !== key.keyId)
    return `signed by key ${cp.keyId}, not by this installation's key ${key.keyId} (forged)`;
  if (!verifyCheckpointMessage(key.publicKey, checkpointMessage(cp), cp.signature))
    return 'signature does not verify (checkpoint forged or edited)';
  return undefined;
}

/** One line of the checkpoint file, ending in a newline (a line torn by a crash is closed off first). */
export function appendCheckpointLine(file: string, cp: AuditCheckpoint): void {
  let prefix = '';
  if (existsSync(file) && statSync(file).size > 0) {
    const fd = openSync(file, 'r');
    try {
      const last = Buffer.alloc(1);
      readSync(fd, last, 0, 1, statSync(file).size - 1);
      if (last[0] !== 0x0a) prefix = '\n';
    } finally {
      closeSync(fd);
    }
  }
  appendFileSync(file, `${prefix}${JSON.stringify(cp)}\n`);
}

export interface CheckpointFileLine {
  line: number;
  checkpoint?: AuditCheckpoint;
  /** Set when the line is not a checkpoint. */
  problem?: string;
}

function parseCheckpoint(text: string): AuditCheckpoint | undefined {
  try {
    const v = JSON.parse(text) as Record<string, unknown>;
    if (
      typeof v.tenantCode === 'string' &&
      Number.isSafeInteger(v.seq) &&
      typeof v.headHash === 'string' &&
      Number.isSafeInteger(v.recordCount) &&
      typeof v.at === 'string' &&
      typeof v.keyId === 'string' &&
      typeof v.signature === 'string'
    ) {
      return {
        tenantCode: v.tenantCode,
        seq: v.seq as number,
        headHash: v.headHash,
        recordCount: v.recordCount as number,
        at: v.at,
        keyId: v.keyId,
        signature: v.signature,
      };
    }
  } catch {
    // reported below
  }
  return undefined;
}

/** Streams the checkpoint file (missing file: nothing). Blank lines are skipped; others must be checkpoints. */
export async function* readCheckpointFile(file: string): AsyncGenerator<CheckpointFileLine> {
  if (!existsSync(file)) return;
  const lines = createInterface({
    input: createReadStream(file, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let n = 0;
  for await (const text of lines) {
    n++;
    if (text.trim() === '') continue;
    const checkpoint = parseCheckpoint(text);
    yield checkpoint
      ? { line: n, checkpoint }
      : { line: n, problem: 'not a checkpoint (line altered or torn)' };
  }
}
