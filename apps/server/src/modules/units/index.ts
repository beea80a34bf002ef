export { onSceneArrivals } from './unit-arrivals.ts';
export type { Unit, UnitsRepo } from './units.repo.ts';
export type { UnitsService } from './units.service.ts';
