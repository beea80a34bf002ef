export * from './import.ts';
export * from './residents.ts';
export * from './warnings.ts';
