export * from './result.ts';
export * from './messages.ts';
export * from './id-number.ts';
export * from './phone.ts';
export * from './mask.ts';
export * from './plate.ts';
export * from './address.ts';
