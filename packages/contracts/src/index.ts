// The API contract shared by the server (validation, serialisation, OpenAPI) and the console (types).
// One file per server module; `events.ts` is the live channel.
export * from './common.ts';
export * from './map.ts';
export * from './events.ts';
