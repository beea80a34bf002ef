import { z } from 'zod';
import { isoDateTime, listOf } from './common.ts';

/** The routing module: routes, isochrones and the road map on the tenant's graph, and road closures. */

/** `lon,lat` in a query string, read as `[lon, lat]`. */
const lngLatText = z
  .string()
  .regex(/^\s*-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?\s*$/, 'must be "lon,lat" in WGS-84 degrees')
  .transform((s) => s.split(',').map(Number) as [number, number])
  .refine(([lon, lat]) => Math.abs(lon) <= 180 && Math.abs(lat) <= 90, 'longitude or latitude out of range');

const lngLatPair = z
  .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])
  .describe('[lon, lat] in WGS-84 degrees');

/** A position in an answer: `[lon, lat]`. */
const position = z.tuple([z.number(), z.number()]);

// ── Routes and isochrones ───────────────────────────────────────────────────────────────────────────────

export const routingRouteQuery = z
  .object({
    from: lngLatText,
    to: lngLatText,
    algo: z.enum(['ch', 'dijkstra']).default('ch'),
  })
  .strict();
export type RoutingRouteQuery = z.infer<typeof routingRouteQuery>;

export const routingIsochroneQuery = z
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
export type RoutingIsochroneQuery = z.infer<typeof routingIsochroneQuery>;

// ── Road closures and slow-downs (road events) ──────────────────────────────────────────────────────────

export const roadClosureCause = z.enum([
  'ice',
  'fog',
  'accident',
  'flood',
  'landslide',
  'works',
  'control',
  'other',
]);
export type RoadClosureCause = z.infer<typeof roadClosureCause>;

/** Where a road event lies: directed edge ids, a circle (every road through it) or a line (roads along it). */
export const roadClosurePlace = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('edges'), edges: z.array(z.number().int().min(0)).min(1).max(5000) }).strict(),
  z
    .object({
      kind: z.literal('circle'),
      center: lngLatPair,
      radiusMeters: z.number().positive().max(5000),
    })
    .strict(),
  z
    .object({
      kind: z.literal('line'),
      line: z.array(lngLatPair).min(2).max(1000),
      toleranceMeters: z.number().positive().max(200).optional(),
    })
    .strict(),
]);
export type RoadClosurePlace = z.infer<typeof roadClosurePlace>;

export const roadClosureBody = z
  .object({
    cause: roadClosureCause,
    /** Absent: the road is closed. Present: speed is multiplied by it (0.5 = half speed). */
    speedFactor: z.number().gt(0).max(1).optional(),
    note: z.string().max(200).optional(),
    /** The road reopens by itself at this time. */
    until: isoDateTime.optional(),
    place: roadClosurePlace,
  })
  .strict();
export type RoadClosureBody = z.infer<typeof roadClosureBody>;

export const roadClosureParams = z.object({ id: z.string().min(1).max(64) }).strict();
export type RoadClosureParams = z.infer<typeof roadClosureParams>;

/** A road event as the API shows it: who set it and when, plus the edges it covers. */
export const roadClosure = z.object({
  id: z.string(),
  cause: roadClosureCause,
  kind: z.enum(['closure', 'slowdown']),
  speedFactor: z.number().nullable(),
  note: z.string().nullable(),
  edges: z.array(z.number().int()),
  /** Empty when the event is not one this instance has stored (it should not happen). */
  createdAt: z.union([isoDateTime, z.literal('')]),
  createdBy: z.string(),
  /** When the road reopens by itself; null until reopened by hand. */
  until: isoDateTime.nullable(),
});
export type RoadClosure = z.infer<typeof roadClosure>;

export const roadClosureList = listOf(roadClosure);
export type RoadClosureList = z.infer<typeof roadClosureList>;

// ── Answers ─────────────────────────────────────────────────────────────────────────────────────────────

export const routeLineString = z.object({ type: z.literal('LineString'), coordinates: z.array(position) });
export type RouteLineString = z.infer<typeof routeLineString>;

/** The fastest car route, live road events included. */
export const routingRoute = z.object({
  durationSeconds: z.number(),
  distanceMeters: z.number(),
  /** How far each end lay from the road it was snapped to. */
  snappedFromMeters: z.number(),
  snappedToMeters: z.number(),
  /** `live-dijkstra` when road events made the hierarchy unusable for this route. */
  searched: z.enum(['ch', 'dijkstra', 'live-dijkstra']),
  /** Road events the route goes around. */
  avoided: z.array(roadClosure),
  geometry: routeLineString,
});
export type RoutingRoute = z.infer<typeof routingRoute>;

/** Areas reachable within each number of minutes, largest first (GeoJSON). */
export const routingIsochrone = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      properties: z.object({ minutes: z.number(), reachableNodes: z.number().int() }),
      geometry: z.object({
        type: z.literal('MultiPolygon'),
        coordinates: z.array(z.array(z.array(z.array(z.number())))),
      }),
    }),
  ),
});
export type RoutingIsochrone = z.infer<typeof routingIsochrone>;

/** The road network for the map (GeoJSON LineStrings, one per road segment). */
export const routingRoads = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      properties: z.object({
        segment: z.number().int(),
        name: z.string().nullable(),
        class: z.string(),
        oneway: z.boolean(),
        speedKmh: z.number(),
        /** Directed edge ids, for closures by edge. */
        edges: z.array(z.number().int()),
      }),
      geometry: routeLineString,
    }),
  ),
});
export type RoutingRoads = z.infer<typeof routingRoads>;
