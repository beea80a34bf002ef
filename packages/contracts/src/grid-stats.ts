import { z } from 'zod';
import { isoDateTime } from './common.ts';
import { disputeStats } from './disputes.ts';
import { rosterCounts } from './grids.ts';

/** The levels of the grid statistics: the county, a township (its police station) or a grid. */
export const GRID_STATS_LEVELS = ['county', 'township', 'grid'] as const;
export const gridStatsLevel = z.enum(GRID_STATS_LEVELS);
export type GridStatsLevel = z.infer<typeof gridStatsLevel>;

/** What a row of the statistics is: the county, a township, a police grid or a community grid. */
export const GRID_STATS_UNIT_KINDS = ['county', 'township', 'police-grid', 'community-grid'] as const;

/**
 * `GET /api/grid/stats?level=&id=&from=&to=&top=`. `id`: the township's station org, or a police or
 * community grid (none for the county). `from`/`to` bound when hazards were reported and disputes
 * registered (all time when left out); rosters are today's.
 */
export const gridStatsQuery = z
  .object({
    level: gridStatsLevel.default('county'),
    id: z.string().min(1).max(100).optional(),
    from: isoDateTime.optional(),
    to: isoDateTime.optional(),
    /** How many of the most active workers to list. */
    top: z.coerce.number().int().min(1).max(50).default(10),
  })
  .strict();
export type GridStatsQuery = z.infer<typeof gridStatsQuery>;

/** Hazards reported in the period, by where they stand now. */
export const gridHazardFigures = z.object({
  total: z.number().int(),
  byState: z.record(z.string(), z.number().int()),
  byKind: z.record(z.string(), z.number().int()),
  /** Not yet closed. */
  open: z.number().int(),
  /** Open and past the deadline (overdue or escalated). */
  overdue: z.number().int(),
  /** Open and escalated to the county (half the time allowed again past the deadline). */
  escalated: z.number().int(),
});
export type GridHazardFigures = z.infer<typeof gridHazardFigures>;

/** Records collected and verified in the grid (the registry's figures). */
export const gridCollectionFigures = z.object({
  collected: z.number().int(),
  verified: z.number().int(),
});
export type GridCollectionFigures = z.infer<typeof gridCollectionFigures>;

export const gridStatsUnit = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(GRID_STATS_UNIT_KINDS),
  /** Police and community grids in the unit. */
  grids: z.object({ police: z.number().int(), community: z.number().int() }),
  /** Current "1+2+N" appointments: 1 community officer, 2 auxiliaries, N assistants and grid workers. */
  rosters: rosterCounts,
  hazards: gridHazardFigures,
  /** The same figures and definitions as `GET /api/disputes/stats` (`year` is null). */
  disputes: disputeStats,
  /** Null when the registry does not report collections. */
  collections: gridCollectionFigures.nullable(),
});
export type GridStatsUnit = z.infer<typeof gridStatsUnit>;

/** What one person did in the period: hazards reported, mediation meetings and follow-up visits logged. */
export const gridWorkerActivity = z.object({
  name: z.string(),
  hazardsReported: z.number().int(),
  meetings: z.number().int(),
  followUps: z.number().int(),
  total: z.number().int(),
});
export type GridWorkerActivity = z.infer<typeof gridWorkerActivity>;

export const gridStats = z.object({
  level: gridStatsLevel,
  from: isoDateTime.nullable(),
  to: isoDateTime.nullable(),
  unit: gridStatsUnit,
  /** county → townships, township → police grids, police grid → community grids. */
  children: z.array(gridStatsUnit),
  /** A township's community grids (empty at the other levels). */
  communityGrids: z.array(gridStatsUnit),
  workers: z.array(gridWorkerActivity),
});
export type GridStats = z.infer<typeof gridStats>;
