export { generatedDemoRoads } from './demo-roads.ts';
export { importOsmFile, loadRouter, readElevationTile, writeGraphFile } from './graph-files.ts';
export { createGraphRegistry, type GraphRegistry, graphPath } from './graph-registry.ts';
export { parseLngLatArg } from './lnglat-arg.ts';
export { createRoadEventsRepo } from './road-events.repo.ts';
export { registerRoutingRoutes } from './routing.routes.ts';
export { createRoutingService, type RoutingService } from './routing.service.ts';
