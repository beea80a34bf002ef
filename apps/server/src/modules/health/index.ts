export { registerHealthRoutes, VERSION } from './health.routes.ts';
