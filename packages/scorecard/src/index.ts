export * from './periods.ts';
export * from './rates.ts';
export * from './categories.ts';
export * from './ranking.ts';
export * from './survey.ts';
export * from './demo-history.ts';
