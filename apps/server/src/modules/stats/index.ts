// The scorecard (比降, clearance, indicators, rankings, drill-down, 三率 surveys, reports). Reads other
// modules' tables read-only; its own tables: `survey_results`, `stats_reports`
// (migration 20261207T0600-create-stats.sql, which also gives crime_records filed_at and solved_at).
export { registerStatsRoutes } from './stats.routes.ts';
export { createStatsModule, type StatsModule } from './stats.module.ts';
export type { StatsDeps } from './stats-common.ts';
