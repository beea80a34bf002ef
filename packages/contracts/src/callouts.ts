import { z } from 'zod';
import { isoDateTime, listOf, queryBoolean, uuidOf } from './common.ts';
import { VOLUNTEER_SKILLS, VOLUNTEER_VETTING } from './volunteers.ts';

/** 一呼百应: the states of a call-out and of each volunteer it alerted. */
export const CALLOUT_STATUSES = ['open', 'filled', 'expired', 'cancelled'] as const;
export const CALLOUT_RECIPIENT_STATES = [
  'alerted',
  'accepted',
  'declined',
  'expired',
  'filled',
  'cancelled',
] as const;
export const CALLOUT_CHANNELS = ['push', 'sms'] as const;
export const CALLOUT_DELIVERY_STATUSES = ['pending', 'sent', 'delivered', 'failed', 'gave-up'] as const;

const skills = z.array(z.enum(VOLUNTEER_SKILLS)).max(VOLUNTEER_SKILLS.length);

const calloutOptions = {
  /** Volunteers wanted: the call stops once this many have accepted. */
  needed: z.number().int().min(1).max(20),
  /** Every skill listed is required (e.g. 急救, 水上救援). */
  skills: skills.optional(),
  /** The least vetting a volunteer needs (default basic). */
  vetting: z.enum(VOLUNTEER_VETTING).optional(),
  /** Minutes until the call expires (default 15). */
  expiresInMinutes: z.number().int().min(2).max(240).optional(),
};

/** `POST /api/incidents/:id/callouts`: call volunteers to an incident's place. */
export const incidentCalloutBody = z.object(calloutOptions).strict();
export type IncidentCalloutBody = z.infer<typeof incidentCalloutBody>;

/** `POST /api/callouts`: call volunteers by hand to a point, with what is going on there. */
export const calloutCreateBody = z
  .object({
    ...calloutOptions,
    location: z.object({ lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) }).strict(),
    description: z.string().trim().min(2).max(1000),
    address: z.string().trim().min(1).max(200).optional(),
    kind: z.string().trim().min(1).max(40).optional(),
  })
  .strict();
export type CalloutCreateBody = z.infer<typeof calloutCreateBody>;

export const calloutParams = z.object({ id: uuidOf('a call-out') }).strict();
export const calloutListQuery = z.object({ open: queryBoolean.optional() }).strict();

export const calloutDelivery = z.object({
  channel: z.enum(CALLOUT_CHANNELS),
  status: z.enum(CALLOUT_DELIVERY_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  receiptStatus: z.string().nullable(),
});

/** A volunteer alerted by a call-out, as the command room sees them (name masked). */
export const calloutCandidate = z.object({
  volunteerId: z.string(),
  name: z.string(),
  etaSeconds: z.number().int(),
  distanceMeters: z.number().int(),
  ring: z.number().int(),
  state: z.enum(CALLOUT_RECIPIENT_STATES),
  alertedAt: isoDateTime,
  answeredAt: isoDateTime.nullable(),
  reason: z.string().nullable(),
  deliveries: z.array(calloutDelivery),
  /** The live position of a volunteer who accepted (null otherwise). */
  position: z.object({ lon: z.number(), lat: z.number(), at: isoDateTime }).nullable(),
});
export type CalloutCandidate = z.infer<typeof calloutCandidate>;

export const calloutRing = z.object({
  ring: z.number().int(),
  /** Outer edge of the ring in road seconds. */
  seconds: z.number().int(),
  alerted: z.number().int(),
  accepted: z.number().int(),
  declined: z.number().int(),
  expired: z.number().int(),
});

/** A call-out as the command room sees it: candidates in road-ETA order, counts per ring. */
export const callout = z.object({
  id: z.string(),
  status: z.enum(CALLOUT_STATUSES),
  incidentId: z.string().nullable(),
  stationId: z.string().nullable(),
  kind: z.string(),
  description: z.string(),
  address: z.string(),
  place: z.string(),
  lon: z.number(),
  lat: z.number(),
  setting: z.enum(['town', 'rural']),
  needed: z.number().int(),
  accepted: z.number().int(),
  ring: z.number().int(),
  skills: z.array(z.string()),
  createdAt: isoDateTime,
  expiresAt: isoDateTime,
  closedAt: isoDateTime.nullable(),
  candidates: z.array(calloutCandidate),
  rings: z.array(calloutRing),
});
export type Callout = z.infer<typeof callout>;
export const calloutList = listOf(callout);
export type CalloutList = z.infer<typeof calloutList>;

/**
 * A call as the volunteer's phone sees it. Before accepting only the kind, the approximate place (village,
 * a point rounded to about a kilometre) and how far it is; the exact address, point and details only after
 * accepting. Never the caller.
 */
export const myCallout = z.object({
  id: z.string(),
  status: z.enum(CALLOUT_STATUSES),
  state: z.enum(CALLOUT_RECIPIENT_STATES),
  kind: z.string(),
  place: z.string(),
  approx: z.object({ lon: z.number(), lat: z.number() }),
  distanceMeters: z.number().int(),
  etaSeconds: z.number().int(),
  /** The skills the call asks for (empty: anyone). */
  skills: z.array(z.string()),
  needed: z.number().int(),
  accepted: z.number().int(),
  alertedAt: isoDateTime,
  expiresAt: isoDateTime,
  /** After accepting only. */
  address: z.string().nullable(),
  /** After accepting only, with any phone or ID number written in it masked. */
  description: z.string().nullable(),
  location: z.object({ lon: z.number(), lat: z.number() }).nullable(),
});
export type MyCallout = z.infer<typeof myCallout>;
export const myCalloutList = listOf(myCallout);
export type MyCalloutList = z.infer<typeof myCalloutList>;

export const calloutDeclineBody = z.object({ reason: z.string().trim().max(200).optional() }).strict();

/** `POST /api/callouts/sms-receipts`: the SMS gateway's delivery receipt. */
export const smsReceiptBody = z
  .object({
    messageId: z.string().min(1).max(200),
    status: z.enum(['delivered', 'failed']),
    error: z.string().max(500).optional(),
  })
  .strict();

/**
 * `GET /api/volunteers/positions?bbox=west,south,east,north`: the live positions of on-duty volunteers who
 * consent to sharing them, in teams of the caller's stations (names masked; the read is audited).
 */
export const volunteerPositionsQuery = z
  .object({
    bbox: z
      .string()
      .regex(
        /^-?\d+(\.\d+)?,-?\d+(\.\d+)?,-?\d+(\.\d+)?,-?\d+(\.\d+)?$/,
        'bbox is west,south,east,north in degrees',
      )
      .optional(),
  })
  .strict();
export const volunteerLivePosition = z.object({
  volunteerId: z.string(),
  name: z.string(),
  skills: z.array(z.string()),
  teamIds: z.array(z.string()),
  lon: z.number(),
  lat: z.number(),
  at: isoDateTime,
  /** The open call-out that alerted this volunteer last, with their answer (null: none open). */
  callout: z.object({ id: z.string(), state: z.enum(CALLOUT_RECIPIENT_STATES) }).nullable(),
});
export type VolunteerLivePosition = z.infer<typeof volunteerLivePosition>;
export const volunteerLivePositionList = listOf(volunteerLivePosition);
export type VolunteerLivePositionList = z.infer<typeof volunteerLivePositionList>;
