import { z } from 'zod';
import { isoDateTime, listOf, uuidParams } from './common.ts';

/** 矛盾纠纷 kinds. */
export const DISPUTE_KINDS = [
  'homestead',
  'neighbours',
  'family',
  'labour',
  'debt',
  'land-forest',
  'contract',
  'traffic-damage',
  'other',
] as const;
export type DisputeKind = (typeof DISPUTE_KINDS)[number];

/** Risk level (local rule): red alerts the station at once. */
export const DISPUTE_RISKS = ['red', 'yellow', 'blue'] as const;
export type DisputeRisk = (typeof DISPUTE_RISKS)[number];

/** 登记 → 调解中 → 已调解 / 调解不成 → 移交 → 回访 → 办结. */
export const DISPUTE_STATUSES = [
  'registered',
  'mediating',
  'settled',
  'failed',
  'referred',
  'followed-up',
  'closed',
] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

export const DISPUTE_REFERRAL_TARGETS = [
  'court',
  'judicial-office',
  'labour-arbitration',
  'other-agency',
] as const;
export const DISPUTE_MEDIATOR_ROLES = [
  'grid-worker',
  'village-cadre',
  'officer',
  'mediator',
  'other',
] as const;
export const DISPUTE_REVEAL_FIELDS = ['name', 'phone', 'idNumber'] as const;

/** A one-month limit (人民调解工作若干规定), warned 7 days ahead. */
export const DISPUTE_LIMIT_DAYS = 30;
export const DISPUTE_WARN_DAYS = 7;

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

export const disputePartyInput = z
  .object({
    name: text(50),
    phone: z.string().trim().max(20).optional(),
    idNumber: z.string().trim().max(18).optional(),
  })
  .strict();

export const disputeMediator = z
  .object({
    name: text(50),
    role: z.enum(DISPUTE_MEDIATOR_ROLES),
    userId: z.string().max(64).nullable().optional(),
  })
  .strict();
export type DisputeMediator = z.infer<typeof disputeMediator>;

/** `POST /api/disputes`: the place is a point (the grid found from it) or a named grid. */
export const disputeCreateBody = z
  .object({
    kind: z.enum(DISPUTE_KINDS),
    risk: z.enum(DISPUTE_RISKS),
    description: text(2000),
    address: z.string().trim().max(200).optional(),
    location: z.object({ lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) }).optional(),
    gridId: z.string().max(64).optional(),
    parties: z.array(disputePartyInput).min(1, 'name at least one party').max(20),
    mediators: z.array(disputeMediator).max(10).default([]),
    /** When it was registered (an import of older records); now when left out. */
    registeredAt: isoDateTime.optional(),
  })
  .strict();
export type DisputeCreateBody = z.infer<typeof disputeCreateBody>;

export const disputeParams = uuidParams('a dispute');

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(300)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)).max(values.length));

export const disputeListQuery = z
  .object({
    risk: csv(DISPUTE_RISKS).optional(),
    status: csv(DISPUTE_STATUSES).optional(),
    kind: csv(DISPUTE_KINDS).optional(),
    overdue: z.enum(['true', 'false']).optional(),
    /** Only the disputes the caller mediates (named with their user id among the mediators). */
    mine: z.enum(['true', 'false']).optional(),
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
  })
  .strict();
export type DisputeListQuery = z.infer<typeof disputeListQuery>;

export const disputeParty = z.object({
  id: z.string(),
  /** Masked by default (张*, 138****1234, 110105********002X); full values through the reveal route. */
  name: z.string(),
  phone: z.string().nullable(),
  idNumber: z.string().nullable(),
});
export type DisputeParty = z.infer<typeof disputeParty>;

export const disputeAgreement = z.object({
  facts: z.string(),
  responsibilities: z.string(),
  obligations: z.string(),
  performance: z.string(),
  performBy: z.string().nullable(),
  signedAt: isoDateTime,
});
export type DisputeAgreement = z.infer<typeof disputeAgreement>;

export const disputeTimelineEntry = z.object({
  at: isoDateTime,
  actor: z.string(),
  kind: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  note: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});

export const disputeMeeting = z.object({
  at: isoDateTime,
  place: z.string(),
  attendees: z.array(z.string()),
  summary: z.string(),
  outcome: z.string(),
});
export type DisputeMeeting = z.infer<typeof disputeMeeting>;

export const disputeSummary = z.object({
  id: z.string(),
  number: z.string(),
  kind: z.enum(DISPUTE_KINDS),
  risk: z.enum(DISPUTE_RISKS),
  status: z.enum(DISPUTE_STATUSES),
  description: z.string(),
  address: z.string().nullable(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  grid: z.object({ id: z.string(), name: z.string() }).nullable(),
  station: z.object({ id: z.string(), name: z.string() }).nullable(),
  registeredAt: isoDateTime,
  dueAt: isoDateTime,
  /** Within 7 days of the limit and still open. */
  dueSoon: z.boolean(),
  overdue: z.boolean(),
  concludedAt: isoDateTime.nullable(),
  demo: z.boolean(),
});
export type DisputeSummary = z.infer<typeof disputeSummary>;

export const disputeDetail = disputeSummary.extend({
  parties: z.array(disputeParty),
  mediators: z.array(disputeMediator),
  referral: z.object({ target: z.enum(DISPUTE_REFERRAL_TARGETS), note: z.string().nullable() }).nullable(),
  agreement: disputeAgreement.nullable(),
  meetings: z.array(disputeMeeting),
  followUps: z.array(z.object({ at: isoDateTime, by: z.string(), note: z.string() })),
  timeline: z.array(disputeTimelineEntry),
});
export type DisputeDetail = z.infer<typeof disputeDetail>;

export const disputeList = listOf(disputeSummary);
export type DisputeList = z.infer<typeof disputeList>;

export const disputeStatusBody = z
  .object({
    status: z.enum(['mediating', 'failed', 'referred', 'closed']),
    note: z.string().trim().max(1000).optional(),
    referralTarget: z.enum(DISPUTE_REFERRAL_TARGETS).optional(),
  })
  .strict();
export type DisputeStatusBody = z.infer<typeof disputeStatusBody>;

export const disputeMeetingBody = z
  .object({
    at: isoDateTime,
    place: text(200),
    attendees: z.array(text(50)).min(1, 'name who attended').max(30),
    summary: text(2000),
    outcome: text(500),
  })
  .strict();
export type DisputeMeetingBody = z.infer<typeof disputeMeetingBody>;

/** 调解协议书: recording it settles the dispute. */
export const disputeAgreementBody = z
  .object({
    facts: text(4000),
    responsibilities: text(2000),
    obligations: text(2000),
    performance: text(1000),
    performBy: z.iso.date().optional(),
    signedAt: isoDateTime.optional(),
    mediators: z.array(disputeMediator).max(10).optional(),
  })
  .strict();
export type DisputeAgreementBody = z.infer<typeof disputeAgreementBody>;

export const disputeFollowUpBody = z.object({ note: text(1000), at: isoDateTime.optional() }).strict();
export type DisputeFollowUpBody = z.infer<typeof disputeFollowUpBody>;

export const disputeRevealBody = z
  .object({
    partyId: z.string().max(64),
    field: z.enum(DISPUTE_REVEAL_FIELDS),
    reason: z.string().max(200),
  })
  .strict();
export type DisputeRevealBody = z.infer<typeof disputeRevealBody>;
export const disputeRevealed = z.object({
  partyId: z.string(),
  field: z.enum(DISPUTE_REVEAL_FIELDS),
  value: z.string(),
});
export type DisputeRevealed = z.infer<typeof disputeRevealed>;

export const disputeStatsQuery = z
  .object({ year: z.coerce.number().int().min(2000).max(2100).optional() })
  .strict();
export type DisputeStatsQuery = z.infer<typeof disputeStatsQuery>;

/** `GET /api/disputes/stats?year=2023`: counted from the rows in the caller's scope. */
export const disputeStats = z.object({
  year: z.number().int().nullable(),
  total: z.number().int(),
  byRisk: z.object({ red: z.number().int(), yellow: z.number().int(), blue: z.number().int() }),
  byKind: z.record(z.string(), z.number().int()),
  byStatus: z.record(z.string(), z.number().int()),
  /** Settled by agreement (whatever happened after: follow-up, closed). */
  settled: z.number().int(),
  failed: z.number().int(),
  referred: z.number().int(),
  open: z.number().int(),
  overdue: z.number().int(),
  /** settled ÷ concluded (settled + failed + referred); 0 with none concluded. */
  successRate: z.number(),
  /** Concluded within the 30-day limit ÷ concluded. */
  onTimeRate: z.number(),
});
export type DisputeStats = z.infer<typeof disputeStats>;
