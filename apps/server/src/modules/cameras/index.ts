export { createCamerasRepo } from './cameras.repo.ts';
export type { CameraFields, CameraRecord, CamerasRepo } from './cameras.repo.ts';
export { registerCamerasRoutes } from './cameras.routes.ts';
export { createCamerasService } from './cameras.service.ts';
export type { CamerasService } from './cameras.service.ts';
