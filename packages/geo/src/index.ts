export * from './units.ts';
export * from './lnglat.ts';
export * from './rng.ts';
