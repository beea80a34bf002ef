// The API contract shared by the server (validation, serialisation, OpenAPI) and the console (types).
// One file per server module; `events.ts` is the live channel.
export * from './common.ts';
export * from './audit.ts';
export * from './auth.ts';
export * from './cameras.ts';
export * from './dispatch.ts';
export * from './disputes.ts';
export * from './events.ts';
export * from './health.ts';
export * from './incidents.ts';
export * from './intel.ts';
export * from './map.ts';
export * from './messages.ts';
export * from './orgs.ts';
export * from './routing.ts';
export * from './units.ts';
export * from './users.ts';
export * from './push.ts';
export * from './grids.ts';
export * from './grid-stats.ts';
export * from './hazards.ts';
export * from './registry.ts';
export * from './volunteers.ts';
export * from './callouts.ts';
export * from './activities.ts';
export * from './patrols.ts';
export * from './traffic.ts';
