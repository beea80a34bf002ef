import { z } from 'zod';
import { isoDate, isoDateTime, listOf } from './common.ts';

/**
 * Grid governance (警网融合): two layers of grids over one county. Police grids (警务网格) are org nodes of
 * kind `grid` under a station; community grids (社区网格) lie under a village or community of the
 * division table, each inside exactly one police grid. Each grid runs "1+2+N": one community officer,
 * two helpers and N grid workers, recorded as roster appointments with start and end dates.
 */

export const GRID_LAYERS = ['police', 'community'] as const;
export const gridLayer = z.enum(GRID_LAYERS);
export type GridLayer = z.infer<typeof gridLayer>;

/** `GET /api/grids?layer=police|community`. */
export const gridListQuery = z.object({ layer: gridLayer }).strict();
export type GridListQuery = z.infer<typeof gridListQuery>;

/** `GET /api/grids/geojson?layer=…` (both layers when left out). */
export const gridGeojsonQuery = z.object({ layer: gridLayer.optional() }).strict();
export type GridGeojsonQuery = z.infer<typeof gridGeojsonQuery>;

/** One grid of either layer. */
export const grid = z.object({
  id: z.string(),
  name: z.string(),
  code: z.string(),
  layer: gridLayer,
  /** Police grid: its station; community grid: the org it hangs under (its police grid's station). */
  parentId: z.string().nullable(),
  /** Community grids: the police grid over it. */
  policeGridId: z.string().optional(),
  policeGridName: z.string().optional(),
  /** Community grids: the village or community (division code) it lies in. */
  villageCode: z.string().optional(),
  villageName: z.string().optional(),
  /** Police grids: the station it belongs to. */
  stationName: z.string().optional(),
  /** Police grids: how many community grids lie inside. */
  communityGridCount: z.number().int().nonnegative().optional(),
  population: z.number().int().nonnegative().nullable(),
  /** Community grids: generated for the demo county. */
  demo: z.boolean().optional(),
});
export type Grid = z.infer<typeof grid>;
export const gridList = listOf(grid);
export type GridList = z.infer<typeof gridList>;

export const gridParams = z.object({ id: z.string().min(1).max(100) }).strict();

/** A GeoJSON polygon or multipolygon in WGS-84; rings closed, at least 4 positions. */
const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const ring = z.array(position).min(4).max(20_000);
export const gridPolygon = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1).max(100) }).strict(),
  z
    .object({
      type: z.literal('MultiPolygon'),
      coordinates: z.array(z.array(ring).min(1).max(100)).min(1).max(100),
    })
    .strict(),
]);
export type GridPolygon = z.infer<typeof gridPolygon>;

export const gridFeature = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: z.record(z.string(), z.unknown()),
  properties: z.object({
    id: z.string(),
    name: z.string(),
    layer: gridLayer,
    policeGridId: z.string().nullable(),
    villageCode: z.string().nullable(),
  }),
});
export type GridFeature = z.infer<typeof gridFeature>;
export const gridFeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(gridFeature),
});
export type GridFeatureCollection = z.infer<typeof gridFeatureCollection>;

/** `PUT /api/grids/:id/boundary`: a community grid's new outline. */
export const gridBoundaryBody = z.object({ geometry: gridPolygon }).strict();
export type GridBoundaryBody = z.infer<typeof gridBoundaryBody>;

/**
 * `POST /api/grids/import`: community grids as a GeoJSON FeatureCollection. Features are checked one by
 * one (each problem names `/features/<i>/…`); one bad feature imports nothing.
 */
export const gridImportBody = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z
      .array(
        z.object({
          type: z.literal('Feature'),
          geometry: z.unknown(),
          properties: z.record(z.string(), z.unknown()).nullable(),
        }),
      )
      .min(1)
      .max(2000),
  })
  .strict();
export type GridImportBody = z.infer<typeof gridImportBody>;
export const gridImportResult = z.object({
  created: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  items: z.array(grid),
});
export type GridImportResult = z.infer<typeof gridImportResult>;

/** `GET /api/grids/at?lon=&lat=` and `GET /api/grid/coverage?lon=&lat=`. */
export const gridPointQuery = z
  .object({ lon: z.coerce.number().min(-180).max(180), lat: z.coerce.number().min(-90).max(90) })
  .strict();
export type GridPointQuery = z.infer<typeof gridPointQuery>;
export const gridsAt = z.object({ community: grid.nullable(), police: grid.nullable() });
export type GridsAt = z.infer<typeof gridsAt>;

/** Roster roles of "1+2+N". */
export const ROSTER_ROLES = [
  'community-officer', // 社区民警
  'auxiliary', // 辅警
  'assistant', // 警务助理
  'full-time', // 专职网格员
  'part-time', // 兼职网格员
  'village-cadre', // 村干部
  'volunteer', // 义警
] as const;
export const rosterRole = z.enum(ROSTER_ROLES);
export type RosterRole = z.infer<typeof rosterRole>;

/** One appointment: who serves a grid in which role, from when to when. Name and phone masked. */
export const rosterEntry = z.object({
  id: z.string(),
  gridId: z.string(),
  gridLayer: gridLayer,
  gridName: z.string(),
  role: rosterRole,
  name: z.string(),
  phone: z.string().nullable(),
  userId: z.string().nullable(),
  startsOn: isoDate,
  endsOn: isoDate.nullable(),
  endReason: z.string().nullable(),
  current: z.boolean(),
  createdAt: isoDateTime,
  demo: z.boolean(),
});
export type RosterEntry = z.infer<typeof rosterEntry>;
export const rosterList = listOf(rosterEntry);
export type RosterList = z.infer<typeof rosterList>;

/** `GET /api/grid/rosters?gridId=&history=true`. */
export const rosterListQuery = z
  .object({
    gridId: z.string().min(1).max(100).optional(),
    role: rosterRole.optional(),
    history: z.enum(['true', 'false']).optional(),
  })
  .strict();
export type RosterListQuery = z.infer<typeof rosterListQuery>;

const mobileOrLandline = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, 'a mobile (11 digits) or landline number (0595-23521234)');

/** `POST /api/grid/rosters`: a new appointment. */
export const rosterCreateBody = z
  .object({
    gridId: z.string().min(1).max(100),
    role: rosterRole,
    name: z.string().trim().min(1).max(40),
    phone: mobileOrLandline.optional(),
    userId: z.uuid('must be a user id (UUID)').optional(),
    startsOn: isoDate,
  })
  .strict();
export type RosterCreateBody = z.infer<typeof rosterCreateBody>;

/** `POST /api/grid/rosters/:id/end`: ends an appointment; the row stays with its end date. */
export const rosterEndBody = z
  .object({ endsOn: isoDate, reason: z.string().trim().min(2).max(200) })
  .strict();
export type RosterEndBody = z.infer<typeof rosterEndBody>;

export const rosterParams = z.object({ id: z.uuid('must be a roster entry id (UUID)') }).strict();

/** `POST /api/grid/rosters/:id/reveal`. */
export const ROSTER_REVEAL_FIELDS = ['name', 'phone'] as const;
export const rosterRevealBody = z
  .object({ field: z.enum(ROSTER_REVEAL_FIELDS), reason: z.string().max(200) })
  .strict();
export type RosterRevealBody = z.infer<typeof rosterRevealBody>;
export const rosterRevealed = z.object({ field: z.enum(ROSTER_REVEAL_FIELDS), value: z.string() });
export type RosterRevealed = z.infer<typeof rosterRevealed>;

/** Counts of current appointments by role. */
export const rosterCounts = z.object({
  communityOfficer: z.number().int().nonnegative(),
  auxiliary: z.number().int().nonnegative(),
  assistant: z.number().int().nonnegative(),
  fullTime: z.number().int().nonnegative(),
  partTime: z.number().int().nonnegative(),
  villageCadre: z.number().int().nonnegative(),
  volunteer: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type RosterCounts = z.infer<typeof rosterCounts>;

/** `GET /api/grid/rosters/summary`: current appointments in the caller's scope, overall and per police grid. */
export const rosterSummary = rosterCounts.extend({
  policeGrids: z.number().int().nonnegative(),
  communityGrids: z.number().int().nonnegative(),
  byGrid: z.array(rosterCounts.extend({ policeGridId: z.string(), policeGridName: z.string() })),
});
export type RosterSummary = z.infer<typeof rosterSummary>;

/** `GET /api/grid/coverage?lon=&lat=`: the grids at a point and who serves them now (masked). */
export const gridCoverage = z.object({
  community: grid.nullable(),
  police: grid.nullable(),
  roster: z.array(rosterEntry),
});
export type GridCoverage = z.infer<typeof gridCoverage>;
