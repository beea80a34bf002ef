export * from './hazard-flow.ts';
