export { AVL_TOPIC, createAvlBatcher, type Reply, startAvlSubscriber } from './avl.mqtt.ts';
export { type AvlService, createAvlService, type IncomingFix, type IngestResult } from './avl.service.ts';
export { enqueueUnitStatus, type UnitStatusChange } from './unit-status.ts';
export { createUnitsRepo, type Unit, type UnitsRepo } from './units.repo.ts';
export { registerUnitsRoutes } from './units.routes.ts';
export { createUnitsService, type UnitsService } from './units.service.ts';
export { onSceneArrivals } from './unit-arrivals.ts';
