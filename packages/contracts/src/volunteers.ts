import { z } from 'zod';
import { volunteerActivityFigures } from './activities.ts';
import { isoDate, isoDateTime, listOf, pageQuery, queryBoolean, uuidOf, uuidParams } from './common.ts';

/** 群防群治 team kinds: 义警队, 守护队, 外卖骑手, 山林, 库区, other. */
export const VOLUNTEER_TEAM_KINDS = [
  'patrol',
  'guardian',
  'delivery',
  'forest',
  'reservoir',
  'other',
] as const;
export type VolunteerTeamKind = (typeof VOLUNTEER_TEAM_KINDS)[number];

/** Skills a volunteer may have (a fixed list; labels in the console's messages). */
export const VOLUNTEER_SKILLS = [
  'first-aid',
  'swimming',
  'mountain-rescue',
  'driving',
  'dialect',
  'firefighting',
  'mediation',
  'drone',
] as const;
export type VolunteerSkill = (typeof VOLUNTEER_SKILLS)[number];
/** Chinese labels of the skills (the import template and files use them; codes are accepted too). */
export const VOLUNTEER_SKILL_LABELS: Record<VolunteerSkill, string> = {
  'first-aid': '急救',
  swimming: '游泳',
  'mountain-rescue': '山地救援',
  driving: '驾驶',
  dialect: '方言',
  firefighting: '消防',
  mediation: '调解',
  drone: '无人机',
};

/** Background check: none, basic (identity and record check) or full (also interview and training). */
export const VOLUNTEER_VETTING = ['unvetted', 'basic', 'full'] as const;
export type VolunteerVetting = (typeof VOLUNTEER_VETTING)[number];

export const VOLUNTEER_REVEAL_FIELDS = ['name', 'phone', 'idNumber'] as const;
export const JOIN_REQUEST_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type JoinRequestStatus = (typeof JOIN_REQUEST_STATUSES)[number];

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const skills = z.array(z.enum(VOLUNTEER_SKILLS)).max(VOLUNTEER_SKILLS.length);

// ── Teams ────────────────────────────────────────────────────────────────────────────────────────
export const volunteerTeam = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(VOLUNTEER_TEAM_KINDS),
  stationId: z.string(),
  stationName: z.string().nullable(),
  leaderUserId: z.string().nullable(),
  township: z.string().nullable(),
  description: z.string().nullable(),
  active: z.boolean(),
  /** Current members (not left). */
  members: z.number().int().nonnegative(),
  onDutyNow: z.number().int().nonnegative(),
  demo: z.boolean(),
});
export type VolunteerTeam = z.infer<typeof volunteerTeam>;
export const volunteerTeamList = listOf(volunteerTeam);
export type VolunteerTeamList = z.infer<typeof volunteerTeamList>;

export const volunteerTeamCreateBody = z
  .object({
    name: text(60),
    kind: z.enum(VOLUNTEER_TEAM_KINDS),
    /** The leading police station (org id); a station user's own when left out. */
    stationId: z.string().max(64).optional(),
    leaderUserId: z.string().max(64).nullable().optional(),
    township: z.string().trim().max(30).nullable().optional(),
    description: z.string().trim().max(500).nullable().optional(),
  })
  .strict();
export type VolunteerTeamCreateBody = z.infer<typeof volunteerTeamCreateBody>;
export const volunteerTeamPatchBody = z
  .object({
    name: text(60).optional(),
    kind: z.enum(VOLUNTEER_TEAM_KINDS).optional(),
    leaderUserId: z.string().max(64).nullable().optional(),
    township: z.string().trim().max(30).nullable().optional(),
    description: z.string().trim().max(500).nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict();
export type VolunteerTeamPatchBody = z.infer<typeof volunteerTeamPatchBody>;
export const volunteerTeamParams = uuidParams('a team');

// ── Members ──────────────────────────────────────────────────────────────────────────────────────
export const volunteerMember = z.object({
  id: z.string(),
  /** Masked by default (张*, 138****1234, 110105********002X); full values through the reveal route. */
  name: z.string(),
  phone: z.string(),
  idNumber: z.string().nullable(),
  userId: z.string().nullable(),
  teamIds: z.array(z.string()),
  skills: z.array(z.enum(VOLUNTEER_SKILLS)),
  vetting: z.enum(VOLUNTEER_VETTING),
  vettedOn: isoDate.nullable(),
  vettedBy: z.string().nullable(),
  township: z.string().nullable(),
  /** Separate consent to share their location (个人信息保护法): without it no position is stored. */
  locationConsent: z.boolean(),
  locationConsentAt: isoDateTime.nullable(),
  locationWithdrawnAt: isoDateTime.nullable(),
  onDuty: z.boolean(),
  dutySince: isoDateTime.nullable(),
  joinedOn: isoDate,
  leftOn: isoDate.nullable(),
  demo: z.boolean(),
});
export type VolunteerMember = z.infer<typeof volunteerMember>;
export const volunteerMemberList = listOf(volunteerMember);
export type VolunteerMemberList = z.infer<typeof volunteerMemberList>;

export const volunteerDutyPeriod = z.object({
  startedAt: isoDateTime,
  endedAt: isoDateTime.nullable(),
});
export const volunteerMemberDetail = volunteerMember.extend({
  teams: z.array(
    z.object({ id: z.string(), name: z.string(), joinedOn: isoDate, leftOn: isoDate.nullable() }),
  ),
  dutyPeriods: z.array(volunteerDutyPeriod),
  /** Hours on duty in the last 365 days (open period counted to now). */
  dutyHoursYear: z.number().nonnegative(),
});
export type VolunteerMemberDetail = z.infer<typeof volunteerMemberDetail>;

export const volunteerMemberListQuery = pageQuery
  .extend({
    teamId: uuidOf('a team').optional(),
    skill: z.enum(VOLUNTEER_SKILLS).optional(),
    onDuty: queryBoolean.optional(),
    vetting: z.enum(VOLUNTEER_VETTING).optional(),
    /** A full name or a full mobile number (exact match; both are stored encrypted). */
    q: z.string().trim().max(40).optional(),
    includeLeft: queryBoolean.optional(),
  })
  .strict();
export type VolunteerMemberListQuery = z.infer<typeof volunteerMemberListQuery>;
export const volunteerMemberParams = uuidParams('a member');

export const volunteerMemberCreateBody = z
  .object({
    name: text(50),
    phone: text(20),
    idNumber: z.string().trim().max(18).optional(),
    userId: z.string().max(64).nullable().optional(),
    teamIds: z.array(uuidOf('a team')).min(1).max(10),
    skills: skills.default([]),
    vetting: z.enum(VOLUNTEER_VETTING).default('unvetted'),
    vettedOn: isoDate.optional(),
    township: z.string().trim().max(30).nullable().optional(),
    joinedOn: isoDate.optional(),
  })
  .strict();
export type VolunteerMemberCreateBody = z.input<typeof volunteerMemberCreateBody>;
export const volunteerMemberPatchBody = z
  .object({
    skills: skills.optional(),
    vetting: z.enum(VOLUNTEER_VETTING).optional(),
    vettedOn: isoDate.optional(),
    township: z.string().trim().max(30).nullable().optional(),
    userId: z.string().max(64).nullable().optional(),
    teamIds: z.array(uuidOf('a team')).min(1).max(10).optional(),
    /** The member leaves every team (the record is kept). */
    leftOn: isoDate.nullable().optional(),
  })
  .strict();
export type VolunteerMemberPatchBody = z.infer<typeof volunteerMemberPatchBody>;

export const volunteerRevealBody = z
  .object({ field: z.enum(VOLUNTEER_REVEAL_FIELDS), reason: z.string().max(200) })
  .strict();
export type VolunteerRevealBody = z.infer<typeof volunteerRevealBody>;
export const volunteerRevealed = z.object({
  memberId: z.string(),
  field: z.enum(VOLUNTEER_REVEAL_FIELDS),
  value: z.string(),
});
export type VolunteerRevealed = z.infer<typeof volunteerRevealed>;

// ── The volunteer's own record (phone app) ───────────────────────────────────────────────────────
export const volunteerDutyBody = z.object({ onDuty: z.boolean() }).strict();
export type VolunteerDutyBody = z.infer<typeof volunteerDutyBody>;
export const volunteerConsentBody = z.object({ location: z.boolean() }).strict();
export type VolunteerConsentBody = z.infer<typeof volunteerConsentBody>;
export const volunteerPositionBody = z
  .object({
    lon: z.number().min(-180).max(180),
    lat: z.number().min(-90).max(90),
    accuracyM: z.number().nonnegative().max(100_000).optional(),
    at: isoDateTime.optional(),
  })
  .strict();
export type VolunteerPositionBody = z.infer<typeof volunteerPositionBody>;
export const volunteerPositionResult = z.object({ stored: z.boolean(), at: isoDateTime });

// ── Join requests ────────────────────────────────────────────────────────────────────────────────
export const volunteerJoinRequest = z.object({
  id: z.string(),
  teamId: z.string(),
  teamName: z.string().nullable(),
  userId: z.string(),
  memberId: z.string().nullable(),
  name: z.string(),
  phone: z.string(),
  skills: z.array(z.enum(VOLUNTEER_SKILLS)),
  note: z.string().nullable(),
  status: z.enum(JOIN_REQUEST_STATUSES),
  decidedBy: z.string().nullable(),
  decidedAt: isoDateTime.nullable(),
  reason: z.string().nullable(),
  createdAt: isoDateTime,
});
export type VolunteerJoinRequest = z.infer<typeof volunteerJoinRequest>;
export const volunteerJoinRequestList = listOf(volunteerJoinRequest);
export type VolunteerJoinRequestList = z.infer<typeof volunteerJoinRequestList>;
export const volunteerJoinRequestQuery = z
  .object({ status: z.enum(JOIN_REQUEST_STATUSES).optional(), teamId: uuidOf('a team').optional() })
  .strict();
export type VolunteerJoinRequestQuery = z.infer<typeof volunteerJoinRequestQuery>;
export const volunteerJoinBody = z
  .object({
    teamId: uuidOf('a team'),
    name: text(50),
    phone: text(20),
    skills: skills.default([]),
    note: z.string().trim().max(300).optional(),
  })
  .strict();
export type VolunteerJoinBody = z.input<typeof volunteerJoinBody>;
export const volunteerJoinDecisionBody = z
  .object({ decision: z.enum(['approve', 'reject']), reason: z.string().trim().max(300).optional() })
  .strict();
export type VolunteerJoinDecisionBody = z.infer<typeof volunteerJoinDecisionBody>;
export const volunteerJoinRequestParams = uuidParams('a join request');

// ── Import ───────────────────────────────────────────────────────────────────────────────────────
/** `POST /api/volunteers/import`: the file's bytes as base64 (XLSX or CSV), into one team. */
export const volunteerImportBody = z
  .object({
    teamId: uuidOf('a team'),
    fileName: z.string().max(200),
    contentBase64: z.string().max(14_000_000),
    /** Check only: report the rows without saving. */
    dryRun: z.boolean().default(false),
  })
  .strict();
export type VolunteerImportBody = z.input<typeof volunteerImportBody>;
export const volunteerImportProblem = z.object({
  /** The line in the file (1 = the header). */
  line: z.number().int(),
  field: z.string(),
  message: z.string(),
});
export type VolunteerImportProblem = z.infer<typeof volunteerImportProblem>;
export const volunteerImportResult = z.object({
  rows: z.number().int(),
  created: z.number().int(),
  /** Already a member (same phone or ID number): added to the team, details kept. */
  merged: z.number().int(),
  rejected: z.number().int(),
  problems: z.array(volunteerImportProblem),
  dryRun: z.boolean(),
});
export type VolunteerImportResult = z.infer<typeof volunteerImportResult>;
export const volunteerTemplateQuery = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') }).strict();

// ── Stats ────────────────────────────────────────────────────────────────────────────────────────
export const volunteerStatsQuery = z
  .object({ year: z.coerce.number().int().min(2000).max(2100).optional() })
  .strict();
export type VolunteerStatsQuery = z.infer<typeof volunteerStatsQuery>;
/** `GET /api/volunteers/stats?year=2023`, counted in the caller's scope (members joined by the year's end). */
export const volunteerStats = z.object({
  year: z.number().int().nullable(),
  members: z.number().int(),
  teams: z.number().int(),
  onDutyNow: z.number().int(),
  locationConsent: z.number().int(),
  bySkill: z.record(z.string(), z.number().int()),
  byVetting: z.record(z.string(), z.number().int()),
  byTeam: z.array(z.object({ teamId: z.string(), name: z.string(), members: z.number().int() })),
  /** Hours on duty within the year (or all time), from the duty periods. */
  dutyHours: z.number().nonnegative(),
  /** Confirmed activity records, points and call-out answers within the year (or all time). */
  ...volunteerActivityFigures.shape,
});
export type VolunteerStats = z.infer<typeof volunteerStats>;
