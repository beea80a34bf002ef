import { z } from 'zod';
import { codeId, isoDate, listOf, pageQuery, uuidOf } from './common.ts';

/**
 * 爱警暖警 (officer welfare): staff records of officers, auxiliaries and civilian staff, condolence visits under
 * the three mechanisms, injuries and illnesses that call for one, health-check campaigns and their
 * completion, schooling cases for officers' children, reminders and the year's figures. Only the staff office
 * (staff-officer) and leadership read any of it. Names, phones and family members are masked, health notes and
 * check results hidden; a full value needs a reason and is audited.
 */

export const WELFARE_STAFF_KINDS = ['officer', 'auxiliary', 'civilian'] as const;
export const welfareStaffKind = z.enum(WELFARE_STAFF_KINDS);
export type WelfareStaffKind = z.infer<typeof welfareStaffKind>;

/** 日常伤病即时慰问, 节日与重要节点慰问, 重大安保任务慰问. */
export const WELFARE_MECHANISMS = ['daily', 'holiday', 'operation'] as const;
export const welfareMechanism = z.enum(WELFARE_MECHANISMS);
export type WelfareMechanism = z.infer<typeof welfareMechanism>;

export const WELFARE_SCHOOL_STAGES = ['kindergarten', 'primary', 'junior', 'senior'] as const;
export const welfareSchoolStage = z.enum(WELFARE_SCHOOL_STAGES);

export const WELFARE_SCHOOLING_STATUSES = ['requested', 'arranged', 'done'] as const;
export const welfareSchoolingStatus = z.enum(WELFARE_SCHOOLING_STATUSES);

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const mobile = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, 'must be a mainland mobile number (11 digits)');
const yuan = z.number().min(0).max(1_000_000);

export const welfareIdParams = z.object({ id: uuidOf('a welfare record') }).strict();
export const welfareCheckParams = z
  .object({ id: uuidOf('a campaign'), staffId: uuidOf('a staff record') })
  .strict();

// ── Staff records ───────────────────────────────────────────────────────────────────────────────────────
export const welfareFamilyMember = z
  .object({ relation: text(20), name: text(40), note: z.string().trim().max(200).optional() })
  .strict();
export type WelfareFamilyMember = z.infer<typeof welfareFamilyMember>;

/** A staff record as answered: name, phone and family names masked, health notes hidden. */
export const welfareStaff = z.object({
  id: z.string(),
  kind: welfareStaffKind,
  orgId: z.string(),
  orgName: z.string(),
  name: z.string(),
  position: z.string(),
  phone: z.string().nullable(),
  family: z.array(z.object({ relation: z.string(), name: z.string(), note: z.string().optional() })),
  /** `***` while hidden; null when there are none. */
  healthNotes: z.string().nullable(),
  lastCheckOn: isoDate.nullable(),
  nextCheckDue: isoDate.nullable(),
  childrenNeeds: z.string().nullable(),
  active: z.boolean(),
  demo: z.boolean(),
});
export type WelfareStaff = z.infer<typeof welfareStaff>;
export const welfareStaffList = listOf(welfareStaff);
export type WelfareStaffList = z.infer<typeof welfareStaffList>;

export const welfareStaffQuery = pageQuery
  .extend({
    kind: welfareStaffKind.optional(),
    orgId: codeId.optional(),
    /** Due for a health check by this day (next check due on or before it). */
    checkDueBy: isoDate.optional(),
  })
  .strict();

export const welfareStaffBody = z
  .object({
    kind: welfareStaffKind,
    orgId: codeId,
    name: text(40),
    position: z.string().trim().max(60).default(''),
    phone: mobile.optional(),
    family: z.array(welfareFamilyMember).max(20).default([]),
    healthNotes: z.string().trim().max(1000).optional(),
    lastCheckOn: isoDate.optional(),
    nextCheckDue: isoDate.optional(),
    childrenNeeds: z.string().trim().max(500).optional(),
  })
  .strict();
export type WelfareStaffBody = z.input<typeof welfareStaffBody>;

export const welfareStaffPatch = z
  .object({
    orgId: codeId.optional(),
    position: z.string().trim().max(60).optional(),
    phone: mobile.nullable().optional(),
    family: z.array(welfareFamilyMember).max(20).optional(),
    healthNotes: z.string().trim().max(1000).nullable().optional(),
    nextCheckDue: isoDate.nullable().optional(),
    childrenNeeds: z.string().trim().max(500).nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict();
export type WelfareStaffPatch = z.input<typeof welfareStaffPatch>;

export const WELFARE_REVEAL_FIELDS = ['name', 'phone', 'family', 'healthNotes'] as const;
export const welfareRevealBody = z
  .object({ field: z.enum(WELFARE_REVEAL_FIELDS), reason: z.string().max(200) })
  .strict();
export const welfareRevealed = z.object({ field: z.string(), value: z.string() });
export type WelfareRevealed = z.infer<typeof welfareRevealed>;
export const welfareCheckRevealBody = z.object({ reason: z.string().max(200) }).strict();

// ── Injuries and condolences ────────────────────────────────────────────────────────────────────────────
export const welfareInjury = z.object({
  id: z.string(),
  staffId: z.string(),
  staffName: z.string(),
  orgName: z.string(),
  kind: z.enum(['injury', 'illness']),
  occurredOn: isoDate,
  description: z.string(),
  onDuty: z.boolean(),
  /** The condolence visit that answered it, when there is one. */
  condolenceId: z.string().nullable(),
});
export type WelfareInjury = z.infer<typeof welfareInjury>;
export const welfareInjuryList = listOf(welfareInjury);
export const welfareInjuryQuery = pageQuery
  .extend({ unanswered: z.enum(['true', 'false']).optional() })
  .strict();
export const welfareInjuryBody = z
  .object({
    staffId: uuidOf('a staff record'),
    kind: z.enum(['injury', 'illness']),
    occurredOn: isoDate,
    description: text(500),
    onDuty: z.boolean().default(true),
  })
  .strict();
export type WelfareInjuryBody = z.input<typeof welfareInjuryBody>;

export const welfareCondolence = z.object({
  id: z.string(),
  mechanism: welfareMechanism,
  staffId: z.string().nullable(),
  staffName: z.string().nullable(),
  orgName: z.string().nullable(),
  injuryId: z.string().nullable(),
  occasion: z.string().nullable(),
  reason: z.string(),
  visitors: z.string(),
  visitedOn: isoDate,
  amountYuan: z.number(),
  demo: z.boolean(),
});
export type WelfareCondolence = z.infer<typeof welfareCondolence>;
export const welfareCondolenceList = listOf(welfareCondolence);
export type WelfareCondolenceList = z.infer<typeof welfareCondolenceList>;
export const welfareCondolenceQuery = pageQuery
  .extend({
    mechanism: welfareMechanism.optional(),
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    staffId: uuidOf('a staff record').optional(),
  })
  .strict();
export const welfareCondolenceBody = z
  .object({
    mechanism: welfareMechanism,
    staffId: uuidOf('a staff record').optional(),
    injuryId: uuidOf('an injury').optional(),
    occasion: z.string().trim().max(80).optional(),
    reason: text(500),
    visitors: text(200),
    visitedOn: isoDate,
    amountYuan: yuan.default(0),
  })
  .strict();
export type WelfareCondolenceBody = z.input<typeof welfareCondolenceBody>;

// ── Health-check campaigns ──────────────────────────────────────────────────────────────────────────────
export const welfareCampaign = z.object({
  id: z.string(),
  year: z.number().int(),
  period: z.string(),
  title: z.string(),
  startsOn: isoDate,
  dueOn: isoDate,
  targets: z.number().int(),
  done: z.number().int(),
  /** done ÷ targets, a fraction rounded to 4 decimals; null without targets. */
  rate: z.number().nullable(),
  demo: z.boolean(),
});
export type WelfareCampaign = z.infer<typeof welfareCampaign>;
export const welfareCampaignList = listOf(welfareCampaign);
export const welfareCampaignQuery = z
  .object({ year: z.coerce.number().int().min(2000).max(2100).optional() })
  .strict();
export const welfareCampaignBody = z
  .object({
    year: z.number().int().min(2000).max(2100),
    period: text(40),
    title: text(80),
    startsOn: isoDate,
    dueOn: isoDate,
    /** The people to examine; without it every active member of these kinds (all kinds by default). */
    staffIds: z.array(uuidOf('a staff record')).max(5000).optional(),
    kinds: z.array(welfareStaffKind).min(1).optional(),
  })
  .strict();
export type WelfareCampaignBody = z.input<typeof welfareCampaignBody>;

export const welfareHealthCheck = z.object({
  campaignId: z.string(),
  staffId: z.string(),
  staffName: z.string(),
  kind: welfareStaffKind,
  orgName: z.string(),
  doneOn: isoDate.nullable(),
  /** `***` while hidden; null when not recorded. */
  result: z.string().nullable(),
  overdue: z.boolean(),
});
export type WelfareHealthCheck = z.infer<typeof welfareHealthCheck>;
export const welfareHealthCheckList = listOf(welfareHealthCheck);
export const welfareHealthCheckQuery = pageQuery
  .extend({ status: z.enum(['done', 'pending']).optional() })
  .strict();
export const welfareHealthCheckBody = z
  .object({ doneOn: isoDate, result: z.string().trim().max(1000).optional() })
  .strict();
export type WelfareHealthCheckBody = z.input<typeof welfareHealthCheckBody>;

// ── Schooling cases ─────────────────────────────────────────────────────────────────────────────────────
export const welfareSchooling = z.object({
  id: z.string(),
  staffId: z.string(),
  staffName: z.string(),
  orgName: z.string(),
  childName: z.string(),
  stage: welfareSchoolStage,
  need: z.string(),
  status: welfareSchoolingStatus,
  school: z.string().nullable(),
  requestedOn: isoDate,
  arrangedOn: isoDate.nullable(),
  doneOn: isoDate.nullable(),
  demo: z.boolean(),
});
export type WelfareSchooling = z.infer<typeof welfareSchooling>;
export const welfareSchoolingList = listOf(welfareSchooling);
export const welfareSchoolingQuery = pageQuery
  .extend({
    status: welfareSchoolingStatus.optional(),
    year: z.coerce.number().int().min(2000).max(2100).optional(),
  })
  .strict();
export const welfareSchoolingBody = z
  .object({
    staffId: uuidOf('a staff record'),
    childName: text(40),
    stage: welfareSchoolStage,
    need: text(500),
    requestedOn: isoDate.optional(),
  })
  .strict();
export type WelfareSchoolingBody = z.input<typeof welfareSchoolingBody>;
export const welfareSchoolingStep = z
  .object({
    status: z.enum(['arranged', 'done']),
    school: z.string().trim().max(80).optional(),
    on: isoDate.optional(),
  })
  .strict();
export type WelfareSchoolingStep = z.input<typeof welfareSchoolingStep>;

// ── Reminders and figures ───────────────────────────────────────────────────────────────────────────────
export const WELFARE_REMINDER_KINDS = [
  'health-check-overdue',
  'health-check-due',
  'schooling-open',
  'holiday',
  'injury-unvisited',
] as const;
export const welfareReminder = z.object({
  kind: z.enum(WELFARE_REMINDER_KINDS),
  /** The day it concerns: the check's due day, the holiday, the injury, the request. */
  date: isoDate,
  staffId: z.string().nullable(),
  staffName: z.string().nullable(),
  orgName: z.string().nullable(),
  /** What it is about (a holiday's name, an injury, a child's need). */
  title: z.string(),
  refId: z.string().nullable(),
});
export type WelfareReminder = z.infer<typeof welfareReminder>;
export const welfareReminderList = z.object({
  today: isoDate,
  items: z.array(welfareReminder),
  total: z.number().int().nonnegative(),
  counts: z.record(z.string(), z.number().int()),
});
export type WelfareReminderList = z.infer<typeof welfareReminderList>;

export const welfareStatsQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) }).strict();
export const welfareStats = z.object({
  year: z.number().int(),
  /** Condolence visits made in the year (by visit day, Beijing). */
  condolences: z.number().int(),
  /** Health checks done in the year (by the day each was done). */
  healthChecks: z.number().int(),
  /** Schooling cases settled (status done) in the year. */
  schooling: z.number().int(),
  byMechanism: z.object({ daily: z.number().int(), holiday: z.number().int(), operation: z.number().int() }),
  condolenceYuan: z.number(),
  injuries: z.number().int(),
  schoolingOpen: z.number().int(),
  campaigns: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      targets: z.number().int(),
      done: z.number().int(),
      rate: z.number().nullable(),
    }),
  ),
  /** Done ÷ targets over the year's campaigns; null without campaigns. */
  campaignCompletionRate: z.number().nullable(),
  staff: z.object({
    total: z.number().int(),
    officer: z.number().int(),
    auxiliary: z.number().int(),
    civilian: z.number().int(),
  }),
});
export type WelfareStats = z.infer<typeof welfareStats>;
