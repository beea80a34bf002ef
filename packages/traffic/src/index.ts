export * from './types.ts';
export * from './rules.ts';
export * from './signs.ts';
export * from './exports.ts';
export * from './weather-model.ts';
