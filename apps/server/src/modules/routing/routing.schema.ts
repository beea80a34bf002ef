import { z } from 'zod';

const lngLatText = z
  .string()
  .regex(/^\s*-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?\s*$/, 'must be "lon,lat" in WGS-84 degrees')
  .transform((s) => s.split(',').map(Number) as [number, number])
  .refine(([lon, lat]) => Math.abs(lon) <= 180 && Math.abs(lat) <= 90, 'longitude or latitude out of range');

const lngLat = z
  .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])
  .describe('[lon, lat] in WGS-84 degrees');

export const routeQuery = z
  .object({
    from: lngLatText,
    to: lngLatText,
    algo: z.enum(['ch', 'dijkstra']).default('ch'),
  })
  .strict();
export type RouteQuery = z.infer<typeof routeQuery>;

export const isochroneQuery = z
  .object({
    at: lngLatText,
    minutes: z
      .string()
      .default('3,5,10')
      .transform((s) => s.split(',').map((m) => Number(m.trim())))
      .refine((ms) => ms.length > 0 && ms.length <= 6 && ms.every((m) => m > 0 && m <= 60), {
        message: 'comma-separated minutes, each in (0, 60], at most six',
      }),
  })
  .strict();
export type IsochroneQuery = z.infer<typeof isochroneQuery>;

export const ROAD_EVENT_CAUSES = [
  'ice',
  'fog',
  'accident',
  'flood',
  'landslide',
  'works',
  'control',
  'other',
] as const;

export const closureBody = z
  .object({
    cause: z.enum(ROAD_EVENT_CAUSES),
    /** Absent: the road is closed. Present: speed is multiplied by it (0.5 = half speed). */
    speedFactor: z.number().gt(0).max(1).optional(),
    note: z.string().max(200).optional(),
    /** The road reopens by itself at this time. */
    until: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time with offset' }).optional(),
    place: z.discriminatedUnion('kind', [
      z
        .object({ kind: z.literal('edges'), edges: z.array(z.number().int().min(0)).min(1).max(5000) })
        .strict(),
      z
        .object({ kind: z.literal('circle'), center: lngLat, radiusM: z.number().positive().max(5000) })
        .strict(),
      z
        .object({
          kind: z.literal('line'),
          line: z.array(lngLat).min(2).max(1000),
          toleranceM: z.number().positive().max(200).optional(),
        })
        .strict(),
    ]),
  })
  .strict();
export type ClosureBody = z.infer<typeof closureBody>;

export const closureParams = z.object({ id: z.string().min(1).max(64) }).strict();
