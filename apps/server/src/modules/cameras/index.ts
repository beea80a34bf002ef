export { createCamerasRepo } from './cameras.repo.ts';
export type { Camera, CamerasRepo, StreamKind } from './cameras.repo.ts';
export { registerCamerasRoutes } from './cameras.routes.ts';
export { createCamerasService } from './cameras.service.ts';
export type { CamerasService, CameraView } from './cameras.service.ts';
