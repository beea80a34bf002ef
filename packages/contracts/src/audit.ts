import { z } from 'zod';
import { isoDateTime, listOf } from './common.ts';

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
  /** SM3 over the previous record's hash and this record. */
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const auditPage = listOf(auditEntry);
export type AuditPage = z.infer<typeof auditPage>;

/** `POST /api/audit/verify`: how many records held, and the first one altered or removed. */
export const auditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBad: z.object({ seq: z.number().int(), problem: z.string() }).optional(),
});
export type AuditVerifyResult = z.infer<typeof auditVerifyResult>;
