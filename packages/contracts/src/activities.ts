import { z } from 'zod';
import { isoDateTime, listOf, pageQuery, queryBoolean, uuidOf, uuidParams } from './common.ts';

/** 群防群治 activity kinds: 巡逻, 调解帮助, 救助/助人, 协助抓获, 活动安保. */
export const VOLUNTEER_ACTIVITY_KINDS = [
  'patrol',
  'mediation',
  'rescue',
  'arrest-assist',
  'event-security',
] as const;
export type VolunteerActivityKind = (typeof VOLUNTEER_ACTIVITY_KINDS)[number];
export const VOLUNTEER_ACTIVITY_STATUSES = ['submitted', 'confirmed', 'rejected'] as const;
export type VolunteerActivityStatus = (typeof VOLUNTEER_ACTIVITY_STATUSES)[number];
export const VOLUNTEER_ACTIVITY_ROLES = ['lead', 'participant'] as const;
export type VolunteerActivityRole = (typeof VOLUNTEER_ACTIVITY_ROLES)[number];

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');

export const volunteerActivity = z.object({
  id: z.string(),
  kind: z.enum(VOLUNTEER_ACTIVITY_KINDS),
  status: z.enum(VOLUNTEER_ACTIVITY_STATUSES),
  teamId: z.string(),
  teamName: z.string(),
  stationId: z.string(),
  /** Names are masked (张*明); points are set once confirmed. */
  people: z.array(
    z.object({
      memberId: z.string(),
      name: z.string(),
      role: z.enum(VOLUNTEER_ACTIVITY_ROLES),
      points: z.number().int().nullable(),
    }),
  ),
  lon: z.number(),
  lat: z.number(),
  address: z.string(),
  /** Derived from the position (the nearest village's township). */
  township: z.string().nullable(),
  occurredAt: isoDateTime,
  durationMinutes: z.number().int(),
  outcome: z.string(),
  incidentId: z.string().nullable(),
  disputeId: z.string().nullable(),
  patrolRunId: z.string().nullable(),
  calloutId: z.string().nullable(),
  source: z.enum(['console', 'phone', 'patrol', 'demo']),
  submittedBy: z.string(),
  submittedAt: isoDateTime,
  decidedBy: z.string().nullable(),
  decidedAt: isoDateTime.nullable(),
  reason: z.string().nullable(),
  /** Points awarded to all people on it (0 until confirmed). */
  points: z.number().int(),
  demo: z.boolean(),
});
export type VolunteerActivity = z.infer<typeof volunteerActivity>;
export const volunteerActivityList = listOf(volunteerActivity);
export type VolunteerActivityList = z.infer<typeof volunteerActivityList>;

export const volunteerActivityListQuery = pageQuery
  .extend({
    teamId: uuidOf('a team').optional(),
    memberId: uuidOf('a member').optional(),
    kind: z.enum(VOLUNTEER_ACTIVITY_KINDS).optional(),
    status: z.enum(VOLUNTEER_ACTIVITY_STATUSES).optional(),
    month: month.optional(),
    /** Only the caller's own records (a volunteer). */
    mine: queryBoolean.optional(),
  })
  .strict();
export type VolunteerActivityListQuery = z.infer<typeof volunteerActivityListQuery>;
export const volunteerActivityParams = uuidParams('an activity');

export const volunteerActivityCreateBody = z
  .object({
    kind: z.enum(VOLUNTEER_ACTIVITY_KINDS),
    /** Left out by a volunteer in one team: their team. */
    teamId: uuidOf('a team').optional(),
    /** Left out by a volunteer: themself as the lead. */
    people: z
      .array(z.object({ memberId: uuidOf('a member'), role: z.enum(VOLUNTEER_ACTIVITY_ROLES) }).strict())
      .min(1)
      .max(50)
      .optional(),
    lon: z.number().min(-180).max(180),
    lat: z.number().min(-90).max(90),
    address: z.string().trim().min(1, 'must not be empty').max(200),
    occurredAt: isoDateTime,
    durationMinutes: z.number().int().min(1).max(1440),
    outcome: z.string().trim().min(1, 'must not be empty').max(1000),
    incidentId: z.string().max(64).optional(),
    disputeId: z.string().max(64).optional(),
    patrolRunId: z.string().max(64).optional(),
    calloutId: z.string().max(64).optional(),
  })
  .strict();
export type VolunteerActivityCreateBody = z.infer<typeof volunteerActivityCreateBody>;

export const volunteerActivityDecisionBody = z
  .object({
    decision: z.enum(['confirm', 'reject']),
    reason: z.string().trim().max(300).optional(),
  })
  .strict()
  .refine((b) => b.decision === 'confirm' || !!b.reason, {
    path: ['reason'],
    message: 'a rejection needs a reason',
  });
export type VolunteerActivityDecisionBody = z.infer<typeof volunteerActivityDecisionBody>;

// ── Ranking ──────────────────────────────────────────────────────────────────────────────────────
export const VOLUNTEER_RANKING_SCOPES = ['team', 'township', 'county'] as const;
export const volunteerRankingQuery = z
  .object({
    month,
    /** Members ranked within a team (teamId), a township (township) or the whole county (your scope). */
    scope: z.enum(VOLUNTEER_RANKING_SCOPES).default('county'),
    teamId: uuidOf('a team').optional(),
    township: z.string().max(30).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict()
  .refine((q) => q.scope !== 'team' || !!q.teamId, { path: ['teamId'], message: 'scope team needs teamId' })
  .refine((q) => q.scope !== 'township' || !!q.township, {
    path: ['township'],
    message: 'scope township needs township',
  });
export type VolunteerRankingQuery = z.infer<typeof volunteerRankingQuery>;
export const volunteerRankingEntry = z.object({
  rank: z.number().int(),
  memberId: z.string(),
  /** Masked. */
  name: z.string(),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  township: z.string().nullable(),
  points: z.number().int(),
  activities: z.number().int(),
});
export const volunteerRanking = z.object({
  month: z.string(),
  scope: z.enum(VOLUNTEER_RANKING_SCOPES),
  items: z.array(volunteerRankingEntry),
  /** Members with points in the scope that month. */
  total: z.number().int(),
});
export type VolunteerRanking = z.infer<typeof volunteerRanking>;

/** `GET /api/volunteers/me/points`: the phone's 我的积分. */
export const volunteerMyPoints = z.object({
  /** The volunteer's member id (their line among a record's people). */
  memberId: z.string(),
  month: z.string(),
  points: z.number().int(),
  activities: z.number().int(),
  /** Rank in their team this month (null without points). */
  teamRank: z.number().int().nullable(),
  teamSize: z.number().int(),
  yearPoints: z.number().int(),
  recent: z.array(volunteerActivity),
});
export type VolunteerMyPoints = z.infer<typeof volunteerMyPoints>;

export const volunteerCertificateParams = uuidParams('a member');
export const volunteerCertificateQuery = z
  .object({
    /** A month (2023-06) or a year (2023). */
    period: z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, 'must be a year YYYY or a month YYYY-MM'),
  })
  .strict();
export type VolunteerCertificateQuery = z.infer<typeof volunteerCertificateQuery>;

// ── Statistics (merged into GET /api/volunteers/stats) ─────────────────────────────────────────────
const kindCounts = {
  patrols: z.number().int(),
  mediations: z.number().int(),
  rescues: z.number().int(),
  arrestAssists: z.number().int(),
  eventSecurity: z.number().int(),
};
export const volunteerActivityFigures = z.object({
  ...kindCounts,
  /** Hours of confirmed activities (duration × people). */
  activityHours: z.number().nonnegative(),
  activitiesByKind: z.record(z.string(), z.number().int()),
  /** Call-outs: accepted ÷ alerted volunteers (null when none were alerted). */
  calloutResponseRate: z.number().nullable(),
  /** Median seconds from a call-out to its needed number accepting (filled call-outs only). */
  medianSecondsToFilled: z.number().nullable(),
  activitiesByTeam: z.array(
    z.object({
      teamId: z.string(),
      name: z.string(),
      township: z.string().nullable(),
      ...kindCounts,
      hours: z.number().nonnegative(),
      points: z.number().int(),
    }),
  ),
  activitiesByTownship: z.array(
    z.object({
      township: z.string(),
      ...kindCounts,
      hours: z.number().nonnegative(),
      points: z.number().int(),
    }),
  ),
});
export type VolunteerActivityFigures = z.infer<typeof volunteerActivityFigures>;
