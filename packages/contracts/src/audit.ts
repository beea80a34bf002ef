import { z } from 'zod';
import { isoDateTime, listOf, pageQuery } from './common.ts';

export const auditOutcome = z.enum(['ok', 'denied', 'error']);
export type AuditOutcome = z.infer<typeof auditOutcome>;

/** `GET /api/audit`: newest first, paged. */
export const auditQuery = z
  .object({
    from: isoDateTime.optional(),
    to: isoDateTime.optional(),
    actor: z.string().max(64).optional(),
    action: z.string().max(64).optional(),
    outcome: auditOutcome.optional(),
    q: z.string().max(100).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
  })
  .strict();
export type AuditQuery = z.infer<typeof auditQuery>;

/** One record of the append-only, hash-chained audit trail. */
export const auditEntry = z.object({
  seq: z.number().int(),
  at: isoDateTime,
  actor: z.string(),
  actorId: z.string().nullable(),
  action: z.string(),
  resource: z.string(),
  resourceId: z.string().nullable(),
  outcome: auditOutcome,
  reason: z.string().nullable(),
  ip: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  /** HMAC-SM3 under the audit key (`hmac-sm3`), or plain SM3 for records written before the key existed. */
  hash: z.string(),
  hashAlg: z.enum(['sm3', 'hmac-sm3']),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const auditPage = listOf(auditEntry);
export type AuditPage = z.infer<typeof auditPage>;

/**
 * `POST /api/audit/verify`: how many records held, the first one altered or removed, and the first signed
 * checkpoint that does not hold (forged, edited, or deleted from the table while the file keeps it).
 */
export const auditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBad: z.object({ seq: z.number().int(), problem: z.string() }).optional(),
  checkpointsChecked: z.number().int(),
  latestCheckpointSeq: z.number().int().nullable(),
  badCheckpoint: z
    .object({
      source: z.enum(['table', 'file']),
      /** The record the checkpoint covers up to (null: a line of the file that is not a checkpoint). */
      seq: z.number().int().nullable(),
      at: isoDateTime.nullable(),
      /** Line of `audit-checkpoints.jsonl`, when the file is concerned. */
      line: z.number().int().optional(),
      problem: z.string(),
    })
    .optional(),
});
export type AuditVerifyResult = z.infer<typeof auditVerifyResult>;

/**
 * A signed checkpoint of a tenant's audit chain: at `at`, record `seq` (of `recordCount`) was the head, with
 * hash `headHash`. `signature` is SM2 over SM3 (base64, DER) of the canonical JSON of the other fields (keys
 * sorted, no spaces), made with the key `keyId` (`GET /api/audit/checkpoint-key`).
 */
export const auditCheckpoint = z.object({
  tenantCode: z.string(),
  seq: z.number().int(),
  headHash: z.string(),
  recordCount: z.number().int(),
  at: isoDateTime,
  keyId: z.string(),
  signature: z.string(),
});
export type AuditCheckpoint = z.infer<typeof auditCheckpoint>;

/** `GET /api/audit/checkpoints`: newest first, paged. */
export const auditCheckpointQuery = pageQuery.strict();
export type AuditCheckpointQuery = z.infer<typeof auditCheckpointQuery>;

export const auditCheckpointPage = listOf(auditCheckpoint);
export type AuditCheckpointPage = z.infer<typeof auditCheckpointPage>;

/** `GET /api/audit/checkpoint-key`: the public key that checks the checkpoints (SPKI PEM). */
export const auditCheckpointKey = z.object({
  algorithm: z.string(),
  keyId: z.string(),
  publicKey: z.string(),
});
export type AuditCheckpointKey = z.infer<typeof auditCheckpointKey>;
