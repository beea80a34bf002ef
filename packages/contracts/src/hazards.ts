import { HAZARD_ACTIONS, HAZARD_KINDS, HAZARD_RATINGS, HAZARD_STATES } from '@ronghui/hazards';
import { z } from 'zod';
import { isoDateTime, listOf, uuidOf, uuidParams } from './common.ts';

/**
 * Hazards (隐患, `/api/hazards…`) and grid cases: a report with its place, photos and grid, taken round the
 * closed loop (registered → dispatched → handling → reported back → verified → closed → evaluated) within a
 * deadline per kind; a hazard that is police business becomes an incident, and a 110 call that is not police
 * business becomes a grid case (`POST /api/incidents/:id/grid-case`, a hazard of kind `referred-call`).
 */

export { HAZARD_ACTIONS, HAZARD_KINDS, HAZARD_RATINGS, HAZARD_STATES };
export type { HazardAction, HazardKind, HazardRating, HazardState } from '@ronghui/hazards';
/** Kinds a person reports (a referred call comes only from an incident). */
export const HAZARD_REPORT_KINDS = HAZARD_KINDS.filter((k) => k !== 'referred-call') as Exclude<
  (typeof HAZARD_KINDS)[number],
  'referred-call'
>[];
export const HAZARD_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const HAZARD_UNIT_KINDS = ['station', 'village', 'department'] as const;
export const HAZARD_OVERDUE_LEVELS = ['none', 'warning', 'overdue', 'escalated'] as const;

// ---------------------------------------------------------------------------------------------------------
// Requests

export const hazardParams = uuidParams('a hazard');

export const hazardCreateBody = z
  .object({
    /**
     * The hazard's id, made by the phone (UUID) so that photos queued offline can name it before the
     * server has it. The same id sent again by its reporter answers the hazard taken before (200).
     */
    id: uuidOf('a hazard').optional(),
    kind: z.enum(HAZARD_REPORT_KINDS as [string, ...string[]]),
    description: z.string().trim().min(2).max(2000),
    location: z.object({ lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) }).strict(),
    address: z.string().trim().min(1).max(200).optional(),
    /** The police grid, when the reporter knows better than the point (else found from the point). */
    gridId: z.string().min(1).max(100).optional(),
  })
  .strict();
export type HazardCreateBody = z.infer<typeof hazardCreateBody>;

const STATE_LIST = z
  .string()
  .max(200)
  .transform((s) => s.split(',').filter(Boolean))
  .pipe(z.array(z.enum(HAZARD_STATES)).max(HAZARD_STATES.length));

export const hazardListQuery = z
  .object({
    status: STATE_LIST.optional(),
    kind: z.enum(HAZARD_KINDS).optional(),
    /** Only those I reported. */
    mine: z.enum(['true', 'false']).optional(),
    overdue: z.enum(['true', 'false']).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export type HazardListQuery = z.infer<typeof hazardListQuery>;

/** The unit responsible for fixing a hazard: a station, a village (committee) or a named department. */
export const hazardUnit = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('station'), orgId: z.string().min(1).max(100) }).strict(),
  z
    .object({ kind: z.literal('village'), code: z.string().regex(/^\d{12}$/, 'a 12-digit village code') })
    .strict(),
  z.object({ kind: z.literal('department'), name: z.string().trim().min(2).max(60) }).strict(),
]);
export type HazardUnitBody = z.infer<typeof hazardUnit>;

export const hazardStepBody = z
  .object({
    action: z.enum(HAZARD_ACTIONS),
    note: z.string().trim().min(1).max(1000).optional(),
    /** For `dispatch`: who fixes it. */
    unit: hazardUnit.optional(),
    /** For `evaluate`: 满意 / 基本满意 / 不满意. */
    rating: z.enum(HAZARD_RATINGS).optional(),
  })
  .strict();
export type HazardStepBody = z.infer<typeof hazardStepBody>;

export const hazardIncidentBody = z
  .object({
    /** The incident category (code or Chinese name, as intake takes it). */
    category: z.string().trim().min(1).max(40),
    priority: z.union([z.number().int().min(1).max(3), z.enum(['一级', '二级', '三级'])]).default(3),
    note: z.string().trim().min(1).max(1000).optional(),
  })
  .strict();
export type HazardIncidentBody = z.infer<typeof hazardIncidentBody>;

export const incidentGridCaseBody = z
  .object({ note: z.string().trim().min(1).max(1000).optional() })
  .strict();
export type IncidentGridCaseBody = z.infer<typeof incidentGridCaseBody>;

export const hazardPhotoParams = z.object({ id: uuidOf('a hazard'), photoId: uuidOf('a photo') }).strict();

const days = z.number().int().min(1).max(90);
export const hazardDeadlinesBody = z.object({ days: z.partialRecord(z.enum(HAZARD_KINDS), days) }).strict();
export type HazardDeadlinesBody = z.infer<typeof hazardDeadlinesBody>;

// ---------------------------------------------------------------------------------------------------------
// Responses

const named = z.object({ id: z.string(), name: z.string() });

export const hazardPhoto = z.object({
  id: z.string(),
  hazardId: z.string(),
  contentType: z.enum(HAZARD_PHOTO_TYPES),
  sizeBytes: z.number().int(),
  /** SHA-256 of the bytes: the same photo sent twice is stored once. */
  sha256: z.string(),
  createdBy: z.string(),
  createdAt: isoDateTime,
  url: z.string(),
});
export type HazardPhoto = z.infer<typeof hazardPhoto>;

export const hazardTimelineEntry = z.object({
  at: isoDateTime,
  actor: z.string(),
  kind: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  note: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});

export const hazard = z.object({
  id: z.string(),
  number: z.string(),
  kind: z.enum(HAZARD_KINDS),
  status: z.enum(HAZARD_STATES),
  description: z.string(),
  lon: z.number(),
  lat: z.number(),
  address: z.string().nullable(),
  grid: named.nullable(),
  station: named.nullable(),
  responsible: z
    .object({ kind: z.enum(HAZARD_UNIT_KINDS), id: z.string().nullable(), name: z.string() })
    .nullable(),
  reportedBy: z.string(),
  reportedAt: isoDateTime,
  registeredAt: isoDateTime.nullable(),
  deadlineAt: isoDateTime.nullable(),
  closedAt: isoDateTime.nullable(),
  overdue: z.enum(HAZARD_OVERDUE_LEVELS),
  /** Where an overdue hazard was escalated (the station, then the county). */
  escalatedTo: named.nullable(),
  rating: z.enum(HAZARD_RATINGS).nullable(),
  /** The incident made of it (police business). */
  incident: z.object({ id: z.string(), number: z.string() }).nullable(),
  /** The 110 incident it was referred from (a grid case). */
  fromIncident: z.object({ id: z.string(), number: z.string() }).nullable(),
  photoCount: z.number().int(),
  /** What the caller may do next. */
  actions: z.array(z.enum(HAZARD_ACTIONS)),
  updatedAt: isoDateTime,
});
export type Hazard = z.infer<typeof hazard>;

export const hazardDetail = hazard.extend({
  timeline: z.array(hazardTimelineEntry),
  photos: z.array(hazardPhoto),
});
export type HazardDetail = z.infer<typeof hazardDetail>;

export const hazardList = listOf(hazard);
export type HazardList = z.infer<typeof hazardList>;

export const hazardDeadlines = z.object({
  days: z.record(z.enum(HAZARD_KINDS), z.number().int()),
});
export type HazardDeadlines = z.infer<typeof hazardDeadlines>;
