export * from './calendar.ts';
export * from './hours.ts';
export * from './queue.ts';
export * from './stats.ts';
export * from './deadline.ts';
export * from './catalogue.ts';
export * from './history.ts';
export * from './random.ts';
export { addDays, isDate, weekday, yearOf } from './dates.ts';
