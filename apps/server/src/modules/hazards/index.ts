export { createHazardsRepo, type HazardsRepo } from './hazards.repo.ts';
export { registerHazardsRoutes } from './hazards.routes.ts';
export { createHazardsService, type HazardsService } from './hazards.service.ts';
