import { z } from 'zod';
import { codeId, isoDate, isoDateTime, listOf, pageQuery } from './common.ts';

/**
 * 智慧一窗通办 (the public service hall): the catalogue of police service items (Open311-style), halls and
 * their counters with 错时/延时 hours, appointments booked from a phone with a one-time code, the queue
 * (tickets called to counters, the hall's calling screen, the kiosk), cases (办件) with deadlines in
 * working days on the official calendar, 好差评 ratings with follow-ups, home service (上门办证), statistics.
 * Personal values (names, phones, ID numbers) are masked in every answer.
 */

export const SERVICE_CATEGORIES = [
  'household',
  'id-card',
  'exit-entry',
  'vehicle',
  'driver',
  'traffic-violation',
  'public-order',
] as const;
export const serviceCategory = z.enum(SERVICE_CATEGORIES);
export type ServiceCategory = z.infer<typeof serviceCategory>;

export const SERVICE_CHANNELS = ['window', 'kiosk', 'online', 'home'] as const;
export const serviceChannel = z.enum(SERVICE_CHANNELS);
export type ServiceChannel = z.infer<typeof serviceChannel>;

/** Queue and slot groups: A 户籍·身份证, B 出入境, C 车驾管, D 交通违法, E 治安. */
export const SERVICE_GROUPS = ['A', 'B', 'C', 'D', 'E'] as const;
export const serviceGroup = z.enum(SERVICE_GROUPS);
export type ServiceGroup = z.infer<typeof serviceGroup>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM');
const mainlandPhone = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, 'must be a mainland mobile number (11 digits)');
const personName = z.string().trim().min(1, 'must not be empty').max(40);

// ── Catalogue ───────────────────────────────────────────────────────────────────────────────────────────

/** An Open311 GeoReport v2 attribute of an item's form. */
export const serviceAttribute = z
  .object({
    code: z.string().min(1).max(40),
    datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
    required: z.boolean(),
    description: z.string().max(200),
    order: z.number().int().min(0),
    values: z
      .array(z.object({ key: z.string().min(1).max(40), name: z.string().min(1).max(60) }).strict())
      .optional(),
  })
  .strict();
export type ServiceAttribute = z.infer<typeof serviceAttribute>;

const serviceItemFields = {
  name: z.string().trim().min(1, 'must not be empty').max(60),
  nameEn: z.string().trim().min(1).max(120),
  category: serviceCategory,
  /** 即办件 (done on the spot) or 承诺件 (done within the promised limit). */
  kind: z.enum(['immediate', 'promised']),
  /** Limits in working days. `promisedDays` ≤ `statutoryDays`; both 0 for an immediate item. */
  statutoryDays: z.number().int().min(0).max(365),
  promisedDays: z.number().int().min(0).max(365),
  /** 加急: the limit when expedited, or null when the item cannot be expedited. */
  expeditedDays: z.number().int().min(0).max(365).nullable(),
  materials: z.array(z.string().trim().min(1).max(120)).max(30),
  feeYuan: z.number().min(0).max(100_000),
  channels: z.array(serviceChannel).min(1),
  /** Only the county centre's hall handles it (exit-entry, public-order licences …). */
  centreOnly: z.boolean(),
  group: serviceGroup,
  attributes: z.array(serviceAttribute).max(30),
  active: z.boolean(),
};

export const serviceItem = z.object({
  code: z.string(),
  ...serviceItemFields,
  /** The halls that handle it (every hall, or the centre's only). */
  hallIds: z.array(z.string()),
  updatedAt: isoDateTime,
});
export type ServiceItem = z.infer<typeof serviceItem>;
export const serviceItemList = listOf(serviceItem);
export type ServiceItemList = z.infer<typeof serviceItemList>;

const itemBodyBase = z
  .object({
    code: z.string().regex(/^[A-Z]{2,3}-\d{3}$/, 'must be a code like HJ-001'),
    ...serviceItemFields,
  })
  .strict();
const limitsHold = (b: { kind?: string; statutoryDays?: number; promisedDays?: number }) =>
  b.statutoryDays === undefined || b.promisedDays === undefined || b.promisedDays <= b.statutoryDays;
export const serviceItemBody = itemBodyBase
  .extend({ active: z.boolean().default(true) })
  .refine(limitsHold, { path: ['promisedDays'], message: 'must not exceed statutoryDays' });
export type ServiceItemBody = z.input<typeof serviceItemBody>;
export const serviceItemPatch = itemBodyBase
  .omit({ code: true })
  .partial()
  .strict()
  .refine(limitsHold, { path: ['promisedDays'], message: 'must not exceed statutoryDays' });
export type ServiceItemPatch = z.input<typeof serviceItemPatch>;
export const serviceItemQuery = z
  .object({
    q: z.string().trim().max(40).optional(),
    category: serviceCategory.optional(),
    channel: serviceChannel.optional(),
    hallId: z.string().max(64).optional(),
  })
  .strict();
export type ServiceItemQuery = z.infer<typeof serviceItemQuery>;
export const serviceCodeParams = z.object({ code: z.string().min(1).max(20) }).strict();

// ── Halls and counters ──────────────────────────────────────────────────────────────────────────────────

export const hoursRule = z
  .object({
    days: z.array(z.enum(['workday', 'saturday', 'sunday', 'holiday'])).min(1),
    from: hhmm,
    to: hhmm,
  })
  .strict()
  .refine((r) => r.from < r.to, { path: ['to'], message: 'must be after from' });
/** Regular hours, 错时 (off-peak, e.g. over lunch) and 延时 (extended: evenings, weekends). */
export const hallHours = z
  .object({ regular: z.array(hoursRule), offPeak: z.array(hoursRule), extended: z.array(hoursRule) })
  .strict();
export type HallHoursJson = z.infer<typeof hallHours>;

export const serviceCounter = z.object({
  id: z.string(),
  hallId: z.string(),
  name: z.string(),
  /** null: a 综合窗口 serving every item. */
  itemCodes: z.array(z.string()).nullable(),
  active: z.boolean(),
  /** The clerk signed in at it now, if any. */
  clerk: z.string().nullable(),
});
export type ServiceCounter = z.infer<typeof serviceCounter>;

export const serviceHall = z.object({
  id: z.string(),
  name: z.string(),
  /** The station (or the county root, for the county centre) the hall belongs to. */
  orgId: z.string(),
  centre: z.boolean(),
  address: z.string(),
  lon: z.number(),
  lat: z.number(),
  phone: z.string().nullable(),
  hours: hallHours,
  /** Minutes per appointment slot; capacity per slot = open counters serving the group × `slotCapacity`. */
  slotMinutes: z.number().int(),
  slotCapacity: z.number().int(),
  counters: z.array(serviceCounter),
});
export type ServiceHall = z.infer<typeof serviceHall>;
export const serviceHallList = listOf(serviceHall);
export type ServiceHallList = z.infer<typeof serviceHallList>;

export const serviceHallPatch = z
  .object({
    name: z.string().trim().min(1).max(60),
    address: z.string().trim().max(120),
    phone: z.string().trim().max(20).nullable(),
    hours: hallHours,
    slotMinutes: z.number().int().min(5).max(120),
    slotCapacity: z.number().int().min(1).max(50),
  })
  .partial()
  .strict();
export type ServiceHallPatch = z.input<typeof serviceHallPatch>;
export const serviceCounterBody = z
  .object({
    name: z.string().trim().min(1).max(30),
    itemCodes: z.array(z.string().min(1).max(20)).min(1).nullable(),
    active: z.boolean().default(true),
  })
  .strict();
export type ServiceCounterBody = z.input<typeof serviceCounterBody>;
export const serviceHallParams = z.object({ hallId: codeId }).strict();
export const serviceCounterParams = z.object({ hallId: codeId, counterId: codeId }).strict();

// ── Appointments (public, from a phone) ─────────────────────────────────────────────────────────────────

export const serviceSlotQuery = z
  .object({ hallId: codeId, itemCode: z.string().max(20), date: isoDate })
  .strict();
export const serviceSlot = z.object({
  start: isoDateTime,
  end: isoDateTime,
  window: z.enum(['regular', 'off-peak', 'extended']),
  capacity: z.number().int(),
  /** Places left (capacity − booked − held). */
  left: z.number().int(),
});
export type ServiceSlot = z.infer<typeof serviceSlot>;
export const serviceSlotList = listOf(serviceSlot);

/** Asks for a one-time code by SMS (through the gateway webhook) to confirm the phone. */
export const serviceOtpBody = z.object({ phone: mainlandPhone }).strict();
export const serviceOtpSent = z.object({ expiresAt: isoDateTime, resendAfter: isoDateTime });

/** Holds a place for a few minutes while the citizen fills in the form. */
export const serviceHoldBody = z
  .object({ hallId: codeId, itemCode: z.string().max(20), start: isoDateTime })
  .strict();
export const serviceHold = z.object({ holdId: z.string(), expiresAt: isoDateTime });
export type ServiceHold = z.infer<typeof serviceHold>;

export const serviceBookingBody = z
  .object({
    holdId: z.string().uuid('must be a hold id'),
    phone: mainlandPhone,
    code: z.string().regex(/^\d{6}$/, 'must be the 6-digit code'),
    name: personName,
    idNumber: z.string().trim().min(15).max(18).optional(),
    /** The item's form (Open311 attributes, by code). */
    attributes: z
      .record(z.string(), z.union([z.string().max(500), z.number(), z.array(z.string())]))
      .optional(),
  })
  .strict();
export type ServiceBookingBody = z.input<typeof serviceBookingBody>;

export const APPOINTMENT_STATUSES = ['booked', 'checked-in', 'completed', 'cancelled', 'no-show'] as const;
export const appointmentStatus = z.enum(APPOINTMENT_STATUSES);
export const serviceAppointment = z.object({
  id: z.string(),
  /** The citizen's reference (shown and sent by SMS), e.g. YY20231205-0042. */
  reference: z.string(),
  hallId: z.string(),
  hallName: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  start: isoDateTime,
  end: isoDateTime,
  status: appointmentStatus,
  /** Check-in opens and closes (no-show after). */
  checkInFrom: isoDateTime,
  checkInUntil: isoDateTime,
  /** Whether check-in is open now, by the server's clock (a phone's own clock may be off). */
  checkInOpen: z.boolean(),
  name: z.string(),
  phone: z.string(),
  ticketNumber: z.string().nullable(),
  /** The cases (办件) of the visit, once the ticket was served: the phone rates them. */
  cases: z.array(z.object({ number: z.string(), itemName: z.string(), status: z.string() })),
  remindersSent: z.array(z.enum(['T-24h', 'T-1h'])),
  createdAt: isoDateTime,
});
export type ServiceAppointment = z.infer<typeof serviceAppointment>;
/** A booking's answer carries the token that lets the phone manage it later (never shown again). */
export const serviceBooked = serviceAppointment.extend({ manageToken: z.string() });
export type ServiceBooked = z.infer<typeof serviceBooked>;
export const serviceAppointmentList = listOf(serviceAppointment);
export const serviceReferenceParams = z.object({ reference: z.string().min(4).max(40) }).strict();
/** The phone proves it booked by the manage token (header `x-manage-token` or `?token=`). */
export const serviceManageQuery = z.object({ token: z.string().min(16).max(100).optional() }).strict();
export const serviceRescheduleBody = z.object({ holdId: z.string().uuid('must be a hold id') }).strict();
export const serviceAppointmentQuery = pageQuery
  .extend({ hallId: codeId.optional(), date: isoDate.optional(), status: appointmentStatus.optional() })
  .strict();

// ── Queue ───────────────────────────────────────────────────────────────────────────────────────────────

export const TICKET_STATUSES = ['waiting', 'called', 'serving', 'done', 'no-show', 'cancelled'] as const;
export const ticketStatus = z.enum(TICKET_STATUSES);
export const serviceTicket = z.object({
  id: z.string(),
  hallId: z.string(),
  number: z.string(),
  group: serviceGroup,
  itemCodes: z.array(z.string()),
  source: z.enum(['walk-in', 'appointment', 'kiosk']),
  /** 2 expedited, 1 appointment on time, 0 walk-in. */
  priority: z.number().int(),
  status: ticketStatus,
  counterId: z.string().nullable(),
  counterName: z.string().nullable(),
  /** A ticket sent to another counter waits for that counter only. */
  transferredTo: z.string().nullable(),
  clerk: z.string().nullable(),
  appointmentReference: z.string().nullable(),
  recalls: z.number().int(),
  issuedAt: isoDateTime,
  calledAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** Waiting tickets: how many are ahead and the estimated wait in seconds. */
  ahead: z.number().int().nullable(),
  estimatedWaitSeconds: z.number().int().nullable(),
  caseIds: z.array(z.string()),
});
export type ServiceTicket = z.infer<typeof serviceTicket>;
export const serviceTicketList = listOf(serviceTicket);
export type ServiceTicketList = z.infer<typeof serviceTicketList>;

/** A ticket taken at a counter's desk or at the kiosk (walk-in), or from a checked-in appointment. */
export const serviceTicketBody = z
  .object({
    hallId: codeId,
    itemCodes: z.array(z.string().min(1).max(20)).min(1).max(5),
    expedited: z.boolean().default(false),
  })
  .strict();
export type ServiceTicketBody = z.input<typeof serviceTicketBody>;
export const serviceQueueQuery = z
  .object({ hallId: codeId, status: ticketStatus.optional(), date: isoDate.optional() })
  .strict();
export const serviceCallNextBody = z.object({ counterId: codeId }).strict();
export const serviceTransferBody = z.object({ counterId: codeId }).strict();
export const serviceTicketParams = z.object({ id: z.string().uuid('must be a ticket id') }).strict();

/** The calling screen: what a hall shows, no personal data. */
export const serviceBoard = z.object({
  hallId: z.string(),
  hallName: z.string(),
  /** The latest calls first; `seq` grows with every call or recall so a screen speaks each once. */
  calls: z.array(
    z.object({ seq: z.number().int(), number: z.string(), counterName: z.string(), at: isoDateTime }),
  ),
  waiting: z.array(z.object({ group: z.string(), count: z.number().int() })),
  now: isoDateTime,
});
export type ServiceBoard = z.infer<typeof serviceBoard>;

// ── Cases (办件) ────────────────────────────────────────────────────────────────────────────────────────

export const CASE_STATUSES = ['accepted', 'processing', 'completed', 'delivered', 'cancelled'] as const;
export const serviceCaseStatus = z.enum(CASE_STATUSES);
export const serviceCase = z.object({
  id: z.string(),
  /** e.g. BJ350526-20231205-0007 */
  number: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  hallId: z.string(),
  status: serviceCaseStatus,
  expedited: z.boolean(),
  channel: serviceChannel,
  applicantName: z.string(),
  applicantPhone: z.string().nullable(),
  applicantIdNumber: z.string().nullable(),
  acceptedAt: isoDateTime,
  /** The last working day to complete it (official calendar, 调休 included). */
  deadline: isoDate,
  /** A warning goes out on this working day, one before the deadline. */
  warnOn: isoDate,
  completedAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  onTime: z.boolean().nullable(),
  overdue: z.boolean(),
  clerk: z.string().nullable(),
  ticketId: z.string().nullable(),
  homeVisitId: z.string().nullable(),
  timeline: z.array(
    z.object({ at: isoDateTime, status: z.string(), actor: z.string(), note: z.string().nullable() }),
  ),
});
export type ServiceCase = z.infer<typeof serviceCase>;
export const serviceCaseList = listOf(serviceCase);
export type ServiceCaseList = z.infer<typeof serviceCaseList>;
export const serviceCaseBody = z
  .object({
    itemCode: z.string().min(1).max(20),
    hallId: codeId,
    ticketId: z.string().uuid('must be a ticket id').optional(),
    homeVisitId: z.string().uuid('must be a home visit id').optional(),
    applicantName: personName,
    applicantPhone: mainlandPhone.optional(),
    applicantIdNumber: z.string().trim().min(15).max(18).optional(),
    expedited: z.boolean().default(false),
    channel: serviceChannel.default('window'),
    attributes: z
      .record(z.string(), z.union([z.string().max(500), z.number(), z.array(z.string())]))
      .optional(),
  })
  .strict();
export type ServiceCaseBody = z.input<typeof serviceCaseBody>;
export const serviceCaseStep = z
  .object({
    step: z.enum(['process', 'complete', 'deliver', 'cancel']),
    note: z.string().trim().max(200).optional(),
  })
  .strict();
export const serviceCaseQuery = pageQuery
  .extend({
    hallId: codeId.optional(),
    status: serviceCaseStatus.optional(),
    itemCode: z.string().max(20).optional(),
    dueBy: isoDate.optional().describe('open cases whose deadline is on or before this date'),
  })
  .strict();
export const serviceIdParams = z.object({ id: z.string().uuid('must be an id') }).strict();
const CASE_REVEAL_FIELDS = ['applicantName', 'applicantPhone', 'applicantIdNumber'] as const;
/** `POST /api/services/cases/:id/reveal`: one full value, with the reason (audited). */
export const serviceCaseRevealBody = z
  .object({ field: z.enum(CASE_REVEAL_FIELDS), reason: z.string().max(200) })
  .strict();
export const serviceCaseRevealed = z.object({ field: z.enum(CASE_REVEAL_FIELDS), value: z.string() });
/** Public progress check: the case number and the last four digits of the applicant's phone. */
export const serviceProgressQuery = z
  .object({
    number: z.string().trim().min(4).max(40),
    phoneLast4: z.string().regex(/^\d{4}$/, 'must be 4 digits'),
  })
  .strict();
export const serviceProgress = z.object({
  number: z.string(),
  itemName: z.string(),
  status: serviceCaseStatus,
  acceptedAt: isoDateTime,
  deadline: isoDate,
  completedAt: z.string().nullable(),
  timeline: z.array(z.object({ at: isoDateTime, status: z.string() })),
});
export type ServiceProgress = z.infer<typeof serviceProgress>;

// ── 好差评 ───────────────────────────────────────────────────────────────────────────────────────────────

/** 5 非常满意 … 1 非常不满意; 1–2 are bad reviews and open a follow-up. */
export const serviceRatingBody = z
  .object({
    ticketId: z.string().uuid('must be a ticket id').optional(),
    caseNumber: z.string().max(40).optional(),
    level: z.number().int().min(1, 'must be 1 to 5').max(5, 'must be 1 to 5'),
    channel: z.enum(['kiosk', 'phone', 'window']),
    comment: z.string().trim().max(500).optional(),
    /** From a phone: the case's rating token sent by SMS, or the appointment's manage token. */
    token: z.string().max(100).optional(),
  })
  .strict()
  .refine((b) => Boolean(b.ticketId) !== Boolean(b.caseNumber), {
    path: ['ticketId'],
    message: 'rate either a visit (ticketId) or a case (caseNumber)',
  });
export type ServiceRatingBody = z.input<typeof serviceRatingBody>;
export const serviceRating = z.object({
  id: z.string(),
  level: z.number().int(),
  channel: z.string(),
  ticketId: z.string().nullable(),
  caseNumber: z.string().nullable(),
  comment: z.string().nullable(),
  at: isoDateTime,
  followUpId: z.string().nullable(),
});
export type ServiceRating = z.infer<typeof serviceRating>;

export const FOLLOWUP_STATUSES = ['open', 'called-back', 'rectified', 'closed'] as const;
export const serviceFollowUp = z.object({
  id: z.string(),
  ratingId: z.string(),
  hallId: z.string(),
  level: z.number().int(),
  comment: z.string().nullable(),
  status: z.enum(FOLLOWUP_STATUSES),
  openedAt: isoDateTime,
  /** Rectified within the configured working days (5 by default). */
  rectifyBy: isoDate,
  overdue: z.boolean(),
  callbackAt: z.string().nullable(),
  callbackNote: z.string().nullable(),
  rectifiedAt: z.string().nullable(),
  rectifyNote: z.string().nullable(),
  /** The citizen's rating of the fix. */
  fixLevel: z.number().int().nullable(),
});
export type ServiceFollowUp = z.infer<typeof serviceFollowUp>;
export const serviceFollowUpList = listOf(serviceFollowUp);
export const serviceFollowUpQuery = pageQuery
  .extend({ hallId: codeId.optional(), status: z.enum(FOLLOWUP_STATUSES).optional() })
  .strict();
export const serviceFollowUpStep = z
  .object({
    step: z.enum(['callback', 'rectify', 'fix-rating']),
    note: z.string().trim().min(1, 'must not be empty').max(500).optional(),
    level: z.number().int().min(1).max(5).optional(),
  })
  .strict()
  .refine((b) => b.step !== 'fix-rating' || b.level !== undefined, {
    path: ['level'],
    message: 'is required',
  })
  .refine((b) => b.step === 'fix-rating' || b.note !== undefined, { path: ['note'], message: 'is required' });

// ── Home service (上门办证) ──────────────────────────────────────────────────────────────────────────────

export const HOME_VISIT_STATUSES = ['requested', 'accepted', 'rejected', 'scheduled', 'completed'] as const;
export const serviceHomeVisitBody = z
  .object({
    stationId: codeId,
    applicantName: personName,
    applicantPhone: mainlandPhone,
    applicantIdNumber: z.string().trim().min(15).max(18).optional(),
    age: z.number().int().min(0).max(130).optional(),
    reason: z.enum(['age', 'illness', 'disability', 'other']),
    address: z.string().trim().min(2).max(120),
    itemCodes: z.array(z.string().min(1).max(20)).min(1).max(5),
    note: z.string().trim().max(300).optional(),
  })
  .strict();
export type ServiceHomeVisitBody = z.input<typeof serviceHomeVisitBody>;
export const serviceHomeVisit = z.object({
  id: z.string(),
  stationId: z.string(),
  stationName: z.string(),
  applicantName: z.string(),
  applicantPhone: z.string(),
  age: z.number().int().nullable(),
  reason: z.string(),
  address: z.string(),
  itemCodes: z.array(z.string()),
  status: z.enum(HOME_VISIT_STATUSES),
  triageNote: z.string().nullable(),
  scheduledAt: z.string().nullable(),
  officers: z.array(z.string()),
  completedAt: z.string().nullable(),
  caseIds: z.array(z.string()),
  createdAt: isoDateTime,
});
export type ServiceHomeVisit = z.infer<typeof serviceHomeVisit>;
export const serviceHomeVisitList = listOf(serviceHomeVisit);
export const serviceHomeVisitQuery = pageQuery
  .extend({ stationId: codeId.optional(), status: z.enum(HOME_VISIT_STATUSES).optional() })
  .strict();
export const serviceHomeVisitStep = z
  .object({
    step: z.enum(['accept', 'reject', 'schedule', 'complete']),
    note: z.string().trim().max(300).optional(),
    scheduledAt: isoDateTime.optional(),
    officers: z.array(z.string().min(1).max(64)).max(5).optional(),
  })
  .strict()
  .refine((b) => b.step !== 'schedule' || b.scheduledAt !== undefined, {
    path: ['scheduledAt'],
    message: 'is required',
  })
  .refine((b) => b.step !== 'reject' || b.note !== undefined, { path: ['note'], message: 'is required' });

// ── Statistics ──────────────────────────────────────────────────────────────────────────────────────────

export const serviceStatsQuery = z
  .object({
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    hallId: codeId.optional(),
  })
  .strict();
const statRow = z.object({
  key: z.string(),
  name: z.string(),
  visits: z.number().int(),
  cases: z.number().int(),
  onTimeRate: z.number().nullable(),
  satisfactionRate: z.number().nullable(),
  waitP50Seconds: z.number().nullable(),
  waitP90Seconds: z.number().nullable(),
});
export const serviceStats = z.object({
  from: isoDate,
  to: isoDate,
  visits: z.number().int(),
  cases: z.number().int(),
  completed: z.number().int(),
  /** 按期办结率: completed on time ÷ completed. */
  onTimeRate: z.number().min(0).max(1).nullable(),
  /** Ratings 4–5 ÷ ratings. */
  satisfactionRate: z.number().min(0).max(1).nullable(),
  ratings: z.number().int(),
  badReviews: z.number().int(),
  followUpsClosed: z.number().int(),
  appointments: z.number().int(),
  noShows: z.number().int(),
  waitP50Seconds: z.number().nullable(),
  waitP90Seconds: z.number().nullable(),
  serviceP50Seconds: z.number().nullable(),
  serviceP90Seconds: z.number().nullable(),
  byHall: z.array(statRow),
  byItem: z.array(statRow),
  byClerk: z.array(statRow),
  /** Demo figures come from generated records. */
  demo: z.boolean(),
});
export type ServiceStats = z.infer<typeof serviceStats>;

export const serviceDeadlineQuery = z
  .object({ from: isoDate, workingDays: z.coerce.number().int().min(0).max(365) })
  .strict();
export const serviceDeadline = z.object({ date: isoDate, provisional: z.boolean() });
