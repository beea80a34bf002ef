import { FRAUD_TYPES, OUTCOMES, RESIDENT_KINDS, RISKS, SOURCES, WARNING_STATUSES } from '@ronghui/outreach';
import { z } from 'zod';
import { codeId, isoDate, isoDateTime, listOf, pageQuery, uuidOf } from './common.ts';
import { HAZARD_REPORT_KINDS } from './hazards.ts';

/**
 * 暖心为民 outreach: anti-fraud warnings (反诈预警, `/api/anti-fraud/warnings…`) from higher levels (API or an
 * XLSX/CSV file) and from our own incidents, graded high/medium/low with the action the grade calls for (a
 * visit by the station of the person's address, a phone call logged by the officer, an SMS), tracked
 * issued → signed → dissuaded → feedback within local time limits; the register of vulnerable residents,
 * visit plans per officer and visit records (`/api/outreach/…`).
 */

export { FRAUD_TYPES, OUTCOMES, RESIDENT_KINDS, RISKS, SOURCES, WARNING_STATUSES };
export const fraudRisk = z.enum(RISKS);
export const fraudStatus = z.enum(WARNING_STATUSES);
export const fraudOutcome = z.enum(OUTCOMES);
export const fraudType = z.enum(FRAUD_TYPES);
export const residentKind = z.enum(RESIDENT_KINDS);

const mobile = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, 'must be a mainland mobile number (11 digits)');
const personName = z.string().trim().min(1, 'must not be empty').max(40);
const idParams = z.object({ id: z.string().uuid('must be an id') }).strict();
export const outreachIdParams = idParams;

// ── Warnings ────────────────────────────────────────────────────────────────────────────────────────────

export const fraudWarningBody = z
  .object({
    personName,
    phone: mobile,
    idNumber: z.string().trim().min(15).max(18).optional(),
    issuedAt: isoDateTime.optional().describe('when the higher level issued it (default: now)'),
    fraudType,
    source: z.enum(['ministry', 'province', 'city']),
    risk: fraudRisk,
    moneyAtRisk: z.number().min(0).max(1e10).optional(),
    address: z.string().trim().min(2).max(200),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export type FraudWarningBody = z.input<typeof fraudWarningBody>;

/** A warning raised from one of our own incidents: the person, phone and address come from the incident. */
export const fraudWarningFromIncident = z
  .object({
    incidentId: uuidOf('an incident'),
    fraudType,
    risk: fraudRisk,
    moneyAtRisk: z.number().min(0).max(1e10).optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict();

export const fraudWarningQuery = pageQuery
  .extend({
    status: fraudStatus.optional(),
    risk: fraudRisk.optional(),
    station: codeId.optional(),
    overdue: z.enum(['true', 'false']).optional(),
    /** Warnings issued on or after this day (Beijing). */
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .strict();

export const fraudWarningEvent = z.object({
  at: isoDateTime,
  kind: z.string(),
  actor: z.string(),
  note: z.string().nullable(),
});

export const fraudWarning = z.object({
  id: z.string(),
  number: z.string(),
  risk: fraudRisk,
  status: fraudStatus,
  action: z.enum(['visit', 'call', 'sms']),
  outcome: fraudOutcome.nullable(),
  fraudType: z.string(),
  source: z.enum(SOURCES),
  personName: z.string(),
  phone: z.string(),
  idNumber: z.string().nullable(),
  address: z.string(),
  stationId: z.string().nullable(),
  stationName: z.string().nullable(),
  incidentId: z.string().nullable(),
  issuedAt: isoDateTime,
  signedAt: isoDateTime.nullable(),
  dissuadedAt: isoDateTime.nullable(),
  feedbackAt: isoDateTime.nullable(),
  /** When the next step is due (null once feedback is given). */
  dueAt: isoDateTime.nullable(),
  overdue: z.boolean(),
  moneyAtRisk: z.number(),
  moneySaved: z.number(),
  smsStatus: z.string().nullable(),
  calls: z.number().int(),
  demo: z.boolean(),
});
export type FraudWarning = z.infer<typeof fraudWarning>;
export const fraudWarningDetail = fraudWarning.extend({
  note: z.string().nullable(),
  timeline: z.array(fraudWarningEvent),
  visits: z.array(
    z.object({
      id: z.string(),
      residentId: z.string(),
      status: z.string(),
      plannedFor: z.string(),
      doneAt: isoDateTime.nullable(),
    }),
  ),
});
export type FraudWarningDetail = z.infer<typeof fraudWarningDetail>;
export const fraudWarningList = listOf(fraudWarning);
export type FraudWarningList = z.infer<typeof fraudWarningList>;

export const fraudWarningStep = z
  .object({
    step: z.enum(['sign', 'call', 'dissuade', 'feedback']),
    note: z.string().trim().max(500).optional(),
    /** With `dissuade`: how it ended. */
    outcome: fraudOutcome.optional(),
    /** With `dissuade`: the money kept from the fraudsters (元). */
    moneySaved: z.number().min(0).max(1e10).optional(),
    /** With `call`: did the person answer. */
    answered: z.boolean().optional(),
  })
  .strict();
export type FraudWarningStep = z.input<typeof fraudWarningStep>;

const WARNING_REVEAL_FIELDS = ['personName', 'phone', 'idNumber'] as const;
export const fraudWarningRevealBody = z
  .object({ field: z.enum(WARNING_REVEAL_FIELDS), reason: z.string().max(200) })
  .strict();
export const fraudWarningRevealed = z.object({ field: z.enum(WARNING_REVEAL_FIELDS), value: z.string() });

export const fraudImportProblem = z.object({
  line: z.number().int(),
  field: z.string(),
  message: z.string(),
});
export const fraudImportResult = z.object({
  rows: z.number().int(),
  created: z.number().int(),
  rejected: z.number().int(),
  /** Every bad row's problems by line and field; when there is any, nothing was imported. */
  errors: z.array(fraudImportProblem),
  ids: z.array(z.string()),
});
export type FraudImportResult = z.infer<typeof fraudImportResult>;

// ── Residents, plans, visits ────────────────────────────────────────────────────────────────────────────

export const residentBody = z
  .object({
    name: personName,
    phone: mobile.optional(),
    idNumber: z.string().trim().min(15).max(18).optional(),
    kinds: z.array(residentKind).min(1).max(RESIDENT_KINDS.length),
    address: z.string().trim().min(2).max(200),
    /** The station (default: the one answering for the address). */
    stationId: codeId.optional(),
    /** The officer who visits (a user id of the station). */
    officerId: z.string().max(64).optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export type ResidentBody = z.input<typeof residentBody>;
export const residentPatch = z
  .object({
    kinds: z.array(residentKind).min(1).max(RESIDENT_KINDS.length).optional(),
    officerId: z.string().max(64).nullable().optional(),
    active: z.boolean().optional(),
    note: z.string().trim().max(500).nullable().optional(),
  })
  .strict();
export const residentQuery = pageQuery
  .extend({
    station: codeId.optional(),
    kind: residentKind.optional(),
    active: z.enum(['true', 'false']).optional(),
  })
  .strict();
export const resident = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  idNumber: z.string().nullable(),
  kinds: z.array(residentKind),
  address: z.string(),
  /** The grid registry's standard address it was linked to, when one matched. */
  addressId: z.string().nullable(),
  stationId: z.string(),
  stationName: z.string(),
  officerId: z.string().nullable(),
  officerName: z.string().nullable(),
  active: z.boolean(),
  note: z.string().nullable(),
  lastVisitOn: isoDate.nullable(),
  nextDueOn: isoDate,
  visits: z.number().int(),
  demo: z.boolean(),
});
export type Resident = z.infer<typeof resident>;
export const residentList = listOf(resident);
const RESIDENT_REVEAL_FIELDS = ['name', 'phone', 'idNumber'] as const;
export const residentRevealBody = z
  .object({ field: z.enum(RESIDENT_REVEAL_FIELDS), reason: z.string().max(200) })
  .strict();
export const residentRevealed = z.object({ field: z.enum(RESIDENT_REVEAL_FIELDS), value: z.string() });

export const planQuery = z
  .object({
    /** Whose plan (default: mine for an officer, everyone in scope otherwise). */
    officer: z.string().max(64).optional(),
    station: codeId.optional(),
    days: z.coerce.number().int().min(0).max(90).default(14),
  })
  .strict();
export const planEntry = z.object({
  residentId: z.string(),
  residentName: z.string(),
  address: z.string(),
  kinds: z.array(residentKind),
  stationId: z.string(),
  officerId: z.string().nullable(),
  officerName: z.string().nullable(),
  dueOn: isoDate,
  daysOverdue: z.number().int(),
  /** The planned visit, when one is set. */
  visitId: z.string().nullable(),
});
export const planList = listOf(planEntry);
export type PlanEntry = z.infer<typeof planEntry>;
export const planBody = z
  .object({
    residentId: uuidOf('a resident'),
    plannedFor: isoDate,
    officerId: z.string().max(64).optional(),
  })
  .strict();

export const visitBody = z
  .object({
    /** Made by the phone: sent again by the outbox, it answers the visit recorded first. */
    id: uuidOf('a visit'),
    residentId: uuidOf('a resident'),
    status: z.enum(['done', 'missed']).default('done'),
    doneAt: isoDateTime.optional(),
    activities: z.string().trim().min(1).max(1000),
    antiFraudTalk: z.boolean(),
    needs: z.string().trim().max(1000).optional(),
    /** The warning this visit answers (a high-risk warning's face-to-face visit). */
    warningId: uuidOf('a warning').optional(),
    /** Open a home-service request (上门办证) for these service items. */
    service: z
      .object({
        itemCodes: z.array(z.string().min(1).max(20)).min(1).max(5),
        reason: z.enum(['age', 'illness', 'disability', 'other']),
      })
      .strict()
      .optional(),
    /** Open a grid hazard found at the home. */
    hazard: z
      .object({
        kind: z.enum(HAZARD_REPORT_KINDS as [string, ...string[]]),
        description: z.string().trim().min(2).max(2000),
      })
      .strict()
      .optional(),
  })
  .strict();
export type VisitBody = z.input<typeof visitBody>;
export const visitQuery = pageQuery
  .extend({
    resident: z.string().max(64).optional(),
    officer: z.string().max(64).optional(),
    station: codeId.optional(),
    status: z.enum(['planned', 'done', 'missed']).optional(),
  })
  .strict();
export const homeVisit = z.object({
  id: z.string(),
  residentId: z.string(),
  residentName: z.string(),
  stationId: z.string(),
  officerId: z.string().nullable(),
  officerName: z.string().nullable(),
  status: z.enum(['planned', 'done', 'missed']),
  plannedFor: isoDate,
  doneAt: isoDateTime.nullable(),
  antiFraudTalk: z.boolean(),
  activities: z.string().nullable(),
  needs: z.string().nullable(),
  warningId: z.string().nullable(),
  serviceVisitId: z.string().nullable(),
  hazardId: z.string().nullable(),
  demo: z.boolean(),
});
export type HomeVisit = z.infer<typeof homeVisit>;
export const homeVisitList = listOf(homeVisit);
