import { DISPOSITION_CODES, INCIDENT_STATUSES } from '@ronghui/dispatch';
import { z } from 'zod';

export const INCIDENT_SOURCES = ['110', 'walk-in', 'patrol', 'video', 'grid', 'volunteer'] as const;
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];

export const idParams = z.object({ id: z.string().uuid('must be an incident id (UUID)') }).strict();

const isoTime = z.string().datetime({ offset: true, message: 'must be an ISO 8601 time with offset' });

export const createIncidentBody = z
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
    receivedAt: isoTime.optional(),
    answeredAt: isoTime.optional(),
  })
  .strict();
export type CreateIncidentBody = z.infer<typeof createIncidentBody>;

export const idempotencyHeaders = z
  .object({
    'idempotency-key': z
      .string()
      .regex(/^[\x21-\x7e]{1,128}$/, '1–128 visible ASCII characters')
      .optional(),
  })
  .passthrough();

export const statusBody = z
  .object({
    status: z.enum(INCIDENT_STATUSES),
    disposition: z.enum(DISPOSITION_CODES).optional(),
    note: z.string().trim().min(1).max(1000).optional(),
  })
  .strict();
export type StatusBody = z.infer<typeof statusBody>;

export const mergeBody = z.object({ into: z.string().uuid('must be an incident id (UUID)') }).strict();

export const revealBody = z
  .object({ field: z.enum(['callerPhone', 'callerName']), reason: z.string().max(200) })
  .strict();

const statusList = z
  .string()
  .max(200)
  .transform((s) => s.split(',').filter(Boolean))
  .pipe(z.array(z.enum(INCIDENT_STATUSES)).max(INCIDENT_STATUSES.length));

export const listQuery = z
  .object({
    status: statusList.optional(),
    area: z.string().min(1).max(100).optional(),
    from: isoTime.optional(),
    to: isoTime.optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
  })
  .strict();
export type ListQuery = z.infer<typeof listQuery>;

export const trendQuery = z
  .object({
    days: z.coerce.number().int().min(1).max(366).default(30),
    area: z.string().min(1).max(100).optional(),
  })
  .strict();
export type TrendQuery = z.infer<typeof trendQuery>;

export const suggestQuery = z
  .object({
    q: z.string().trim().min(1, 'type at least one character').max(100),
    limit: z.coerce.number().int().min(1).max(50).default(10),
  })
  .strict();

export const settingsBody = z
  .object({
    countyTownCodes: z
      .array(z.string().regex(/^\d{9}$/, 'a 9-digit township code'))
      .max(20)
      .optional(),
    countyTownRadiusM: z.number().int().min(100).max(50_000).optional(),
    suburbRadiusM: z.number().int().min(100).max(100_000).optional(),
    targetSeconds: z
      .object({
        'county-town': z.number().int().min(30).max(86_400).optional(),
        suburb: z.number().int().min(30).max(86_400).optional(),
        rural: z.number().int().min(30).max(86_400).optional(),
      })
      .strict()
      .optional(),
    duplicateRadiusM: z.number().int().min(0).max(10_000).optional(),
    duplicateWindowMinutes: z.number().int().min(0).max(1_440).optional(),
  })
  .strict();
export type SettingsBody = z.infer<typeof settingsBody>;
