export * from './units.ts';
export * from './lnglat.ts';
