export * from './incident-categories.ts';
export * from './incident-lifecycle.ts';
export * from './gazetteer.ts';
export * from './zones.ts';
