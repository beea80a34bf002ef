import { DISPOSITION_CODES, INCIDENT_STATUSES } from '@ronghui/dispatch';
import { z } from 'zod';
import { isoDateTime, listOf, uuidOf, uuidParams } from './common.ts';

/**
 * Incidents (`/api/incidents…`): 110 intake, the lifecycle with its timeline, caller masking, the EIDO
 * export, the intake address autocomplete, 比降 trend and the per-tenant zone settings.
 */

export const INCIDENT_SOURCES = ['110', 'walk-in', 'patrol', 'video', 'grid', 'volunteer'] as const;
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];

export const INCIDENT_ZONES = ['county-town', 'suburb', 'rural'] as const;

// ---------------------------------------------------------------------------------------------------------
// Requests

/** `:id` of an incident. */
export const incidentParams = uuidParams('an incident');
export type IncidentParams = z.infer<typeof incidentParams>;

export const incidentCreateBody = z
  .object({
    source: z.enum(INCIDENT_SOURCES),
    category: z.string().trim().min(1).max(40),
    priority: z.union([z.number().int().min(1).max(3), z.enum(['一级', '二级', '三级'])]),
    description: z.string().trim().min(1).max(2000),
    caller: z
      .object({ name: z.string().trim().min(1).max(40).optional(), phone: z.string().max(30).optional() })
      .strict()
      .optional(),
    location: z
      .object({
        lon: z.number().min(-180).max(180),
        lat: z.number().min(-90).max(90),
        datum: z.enum(['wgs84', 'gcj02']).optional(),
      })
      .strict()
      .optional(),
    address: z.string().trim().min(2).max(200).optional(),
    receivedAt: isoDateTime.optional(),
    answeredAt: isoDateTime.optional(),
  })
  .strict();
export type IncidentCreateBody = z.infer<typeof incidentCreateBody>;

/** `Idempotency-Key` of an intake: the same key and body answer the same incident. */
export const incidentIdempotencyHeaders = z
  .object({
    'idempotency-key': z
      .string()
      .regex(/^[\x21-\x7e]{1,128}$/, '1–128 visible ASCII characters')
      .optional(),
  })
  .passthrough();

export const incidentStatusBody = z
  .object({
    status: z.enum(INCIDENT_STATUSES),
    disposition: z.enum(DISPOSITION_CODES).optional(),
    note: z.string().trim().min(1).max(1000).optional(),
  })
  .strict();
export type IncidentStatusBody = z.infer<typeof incidentStatusBody>;

export const incidentMergeBody = z.object({ into: uuidOf('an incident') }).strict();
export type IncidentMergeBody = z.infer<typeof incidentMergeBody>;

export const INCIDENT_REVEAL_FIELDS = ['callerPhone', 'callerName'] as const;
export const incidentRevealBody = z
  .object({ field: z.enum(INCIDENT_REVEAL_FIELDS), reason: z.string().max(200) })
  .strict();
export type IncidentRevealBody = z.infer<typeof incidentRevealBody>;

const statusList = z
  .string()
  .max(200)
  .transform((s) => s.split(',').filter(Boolean))
  .pipe(z.array(z.enum(INCIDENT_STATUSES)).max(INCIDENT_STATUSES.length));

/** `?status=a,b&area=north&from=&to=&page=1&pageSize=20`. */
export const incidentListQuery = z
  .object({
    status: statusList.optional(),
    area: z.string().min(1).max(100).optional(),
    from: isoDateTime.optional(),
    to: isoDateTime.optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
  })
  .strict();
export type IncidentListQuery = z.infer<typeof incidentListQuery>;

export const incidentTrendQuery = z
  .object({
    days: z.coerce.number().int().min(1).max(366).default(30),
    area: z.string().min(1).max(100).optional(),
  })
  .strict();
export type IncidentTrendQuery = z.infer<typeof incidentTrendQuery>;

export const incidentAddressQuery = z
  .object({
    q: z.string().trim().min(1, 'type at least one character').max(100),
    limit: z.coerce.number().int().min(1).max(50).default(10),
  })
  .strict();
export type IncidentAddressQuery = z.infer<typeof incidentAddressQuery>;

const targetSeconds = z.number().int().min(30).max(86_400);

export const incidentSettingsBody = z
  .object({
    countyTownCodes: z
      .array(z.string().regex(/^\d{9}$/, 'a 9-digit township code'))
      .max(20)
      .optional(),
    countyTownRadiusMeters: z.number().int().min(100).max(50_000).optional(),
    suburbRadiusMeters: z.number().int().min(100).max(100_000).optional(),
    targetSeconds: z
      .object({
        countyTown: targetSeconds.optional(),
        suburb: targetSeconds.optional(),
        rural: targetSeconds.optional(),
      })
      .strict()
      .optional(),
    duplicateRadiusMeters: z.number().int().min(0).max(10_000).optional(),
    duplicateWindowMinutes: z.number().int().min(0).max(1_440).optional(),
  })
  .strict();
export type IncidentSettingsBody = z.infer<typeof incidentSettingsBody>;

// ---------------------------------------------------------------------------------------------------------
// Responses

const bilingual = z.object({ zh: z.string(), en: z.string() });
const named = z.object({ id: z.string(), name: z.string() });
const division = z.object({ code: z.string(), name: z.string() });

export const incidentCategory = z.object({
  kind: z.string(),
  code: z.string(),
  zh: z.string(),
  en: z.string(),
  /** The category and its ancestors, top level first. */
  path: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })),
});
export type IncidentCategoryJson = z.infer<typeof incidentCategory>;

/** When the incident reached each state (null: not yet). */
export const incidentTimes = z.object({
  received: isoDateTime.nullable(),
  answered: isoDateTime.nullable(),
  dispatched: isoDateTime.nullable(),
  acknowledged: isoDateTime.nullable(),
  enRoute: isoDateTime.nullable(),
  onScene: isoDateTime.nullable(),
  resolved: isoDateTime.nullable(),
  closed: isoDateTime.nullable(),
  callback: isoDateTime.nullable(),
});
export type IncidentTimes = z.infer<typeof incidentTimes>;

export const incidentLocation = z.object({
  lon: z.number(),
  lat: z.number(),
  source: z.enum(['point', 'address']),
  address: z.string().nullable(),
  road: z.string().nullable(),
  houseNumber: z.string().nullable(),
  township: division.nullable(),
  village: division.nullable(),
  place: named.nullable(),
  /** 0..1: how sure the address resolution is. */
  confidence: z.number(),
  /** Other gazetteer entries the address could mean (an ambiguous name). */
  candidates: z.array(
    z.object({
      kind: z.enum(['township', 'village', 'place']),
      code: z.string(),
      name: z.string(),
      township: division.nullable(),
      lon: z.number(),
      lat: z.number(),
    }),
  ),
});
export type IncidentLocation = z.infer<typeof incidentLocation>;

/** The incident as every answer shows it: the caller masked, codes with their names. */
export const incident = z.object({
  id: z.string(),
  number: z.string(),
  source: z.string(),
  category: incidentCategory,
  priority: z.literal([1, 2, 3]),
  priorityName: z.string(),
  status: z.enum(INCIDENT_STATUSES),
  statusName: bilingual,
  disposition: z.object({ code: z.string(), zh: z.string(), en: z.string() }).nullable(),
  description: z.string(),
  caller: z.object({ name: z.string().nullable(), phone: z.string().nullable() }).nullable(),
  location: incidentLocation,
  station: named.nullable(),
  area: named.nullable(),
  grid: named.nullable(),
  zone: z.enum(INCIDENT_ZONES),
  targetSeconds: z.number().int(),
  times: incidentTimes,
  mergedInto: z.string().nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Incident = z.infer<typeof incident>;

export const incidentList = listOf(incident);
export type IncidentList = z.infer<typeof incidentList>;

/** One entry of an incident's append-only timeline. */
export const incidentTimelineEntry = z.object({
  at: isoDateTime,
  actor: z.string(),
  kind: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  note: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type IncidentTimelineEntry = z.infer<typeof incidentTimelineEntry>;

/** One incident with its timeline (GET /api/incidents/:id and every change). */
export const incidentDetail = incident.extend({ timeline: z.array(incidentTimelineEntry) });
export type IncidentDetail = z.infer<typeof incidentDetail>;

/** An open incident of the same kind nearby, reported recently. */
export const incidentPossibleDuplicate = z.object({
  id: z.string(),
  number: z.string(),
  status: z.string(),
  distanceMeters: z.number().int(),
  minutesAgo: z.number().int(),
});
export type IncidentPossibleDuplicate = z.infer<typeof incidentPossibleDuplicate>;

/** The answer to an intake: the incident and the possible duplicates it was checked against. */
export const incidentCreated = incident.extend({ possibleDuplicates: z.array(incidentPossibleDuplicate) });
export type IncidentCreated = z.infer<typeof incidentCreated>;

export const incidentRevealed = z.object({ field: z.enum(INCIDENT_REVEAL_FIELDS), value: z.string() });
export type IncidentRevealed = z.infer<typeof incidentRevealed>;

export const incidentAddressSuggestion = z.object({
  /** The address to put in the field (the township first). */
  text: z.string(),
  kind: z.enum(['township', 'village', 'place']),
  name: z.string(),
  /** Township name, for the second line of a suggestion. */
  township: z.string().nullable(),
  lon: z.number(),
  lat: z.number(),
});
export type IncidentAddressSuggestion = z.infer<typeof incidentAddressSuggestion>;
export const incidentAddressSuggestions = listOf(incidentAddressSuggestion);
export type IncidentAddressSuggestions = z.infer<typeof incidentAddressSuggestions>;

/** 比降: incidents per Beijing day against the same calendar days a year earlier. */
export const incidentTrend = z.object({
  from: isoDateTime,
  to: isoDateTime,
  lastYearFrom: isoDateTime,
  lastYearTo: isoDateTime,
  days: z.array(z.object({ date: z.string(), count: z.number().int(), lastYear: z.number().int() })),
  byKind: z.array(
    z.object({
      kind: z.string(),
      count: z.number().int(),
      lastYear: z.number().int(),
      changePercent: z.number().nullable(),
    }),
  ),
  total: z.number().int(),
  lastYearTotal: z.number().int(),
  /** Change against last year in per cent; null without last year's data. */
  changePercent: z.number().nullable(),
});
export type IncidentTrend = z.infer<typeof incidentTrend>;

/** Per-tenant zones, arrival targets and the duplicate rule. */
export const incidentSettings = z.object({
  countyTownCodes: z.array(z.string()),
  countyTownRadiusMeters: z.number(),
  suburbRadiusMeters: z.number(),
  targetSeconds: z.object({ countyTown: z.number(), suburb: z.number(), rural: z.number() }),
  duplicateRadiusMeters: z.number(),
  duplicateWindowMinutes: z.number(),
});
export type IncidentSettings = z.infer<typeof incidentSettings>;

/**
 * The incident as a NENA EIDO JSON document (NENA-STA-021), described at its top level: the components are
 * the standard's, with its field names (among them the PIDF-LO civic address elements A3, A4, A5, RD, HNO
 * and NAM of `locationComponent[].civicAddress`).
 */
const eidoComponent = z.record(z.string(), z.unknown());
export const incidentEido = z.object({
  eidoMessageIdentifier: z.string(),
  lastUpdateTimeStamp: isoDateTime,
  incidentComponent: eidoComponent,
  callComponent: z.array(eidoComponent),
  locationComponent: z.array(eidoComponent),
  notesComponent: z.array(eidoComponent),
  agencyComponent: z.array(eidoComponent),
  emergencyResourceComponent: z.array(eidoComponent),
});
export type IncidentEido = z.infer<typeof incidentEido>;

/** `POST /api/incidents/:id/notes`: what an officer on scene records. */
export const incidentNoteBody = z.object({ text: z.string().trim().min(1).max(2000) }).strict();
export type IncidentNoteBody = z.infer<typeof incidentNoteBody>;

/** Kinds of image a photo of an incident may be (sent as the raw body with this content type). */
export const INCIDENT_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** A photo stored with an incident (`POST /api/incidents/:id/photos`, the image as the body). */
export const incidentAttachment = z.object({
  id: z.string(),
  incidentId: z.string(),
  kind: z.literal('photo'),
  contentType: z.enum(INCIDENT_PHOTO_TYPES),
  sizeBytes: z.number().int(),
  /** SHA-256 of the bytes: the same photo sent twice is stored once. */
  sha256: z.string(),
  caption: z.string().nullable(),
  createdBy: z.string(),
  createdAt: isoDateTime,
  /** Where the image is read (signed in, in scope; every read audited). */
  url: z.string(),
});
export type IncidentAttachment = z.infer<typeof incidentAttachment>;
export const incidentAttachmentList = listOf(incidentAttachment);
export type IncidentAttachmentList = z.infer<typeof incidentAttachmentList>;

export const incidentPhotoQuery = z
  .object({ caption: z.string().trim().min(1).max(200).optional() })
  .strict();
export const incidentAttachmentParams = z
  .object({ id: uuidOf('an incident'), attachmentId: uuidOf('an attachment') })
  .strict();
