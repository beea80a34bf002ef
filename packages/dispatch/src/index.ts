export * from './incident-categories.ts';
export * from './incident-lifecycle.ts';
export * from './gazetteer.ts';
export * from './zones.ts';
export * from './unit-status.ts';
export * from './avl-check.ts';
export * from './duty-rotation.ts';
export * from './recommend.ts';
