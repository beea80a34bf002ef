export { communityGridRow, createGridsRepo, rosterRow } from './grids.repo.ts';
export type { CommunityGridRecord, GridsRepo, RosterRecord } from './grids.repo.ts';
export { registerGridsRoutes } from './grids.routes.ts';
export { createCommunityGridLocator, createGridsService } from './grids.service.ts';
export type { CommunityGridLocator, GridsService } from './grids.service.ts';
export { createRostersService } from './rosters.service.ts';
export type { RostersService } from './rosters.service.ts';
