// Grid governance statistics: hazards, disputes, rosters and activity per county, township and grid.
export { createGridStatsRepo } from './grid-stats.repo.ts';
export { registerGridStatsRoutes } from './grid-stats.routes.ts';
export {
  type CollectionContext,
  type CollectionsProvider,
  createGridStatsService,
  type GridStatsService,
} from './grid-stats.service.ts';
