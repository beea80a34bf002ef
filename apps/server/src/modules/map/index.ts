// The map module's entrance: offline glyphs, terrain tiles, place labels and the console's map settings.
export { createMapRepo, type MapRepo } from './map.repo.ts';
export { registerMapRoutes } from './map.routes.ts';
export { createMapService, type MapService, type MapSettings } from './map.service.ts';
