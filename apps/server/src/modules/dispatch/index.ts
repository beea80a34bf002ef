export { createCot, registerCotRoute } from './cot.ts';
export { createCoverageRepo } from './coverage.repo.ts';
export { registerCoverageRoutes } from './coverage.routes.ts';
export { type CoverageService, createCoverageService } from './coverage.service.ts';
export { createDispatchMetrics, type DispatchMetricsService } from './dispatch-metrics.ts';
export { createDispatchRepo, type DispatchRepo } from './dispatch.repo.ts';
export { registerDispatchMetricsRoute, registerDispatchRoutes } from './dispatch.routes.ts';
export { createDispatchService, type DispatchService } from './dispatch.service.ts';
export { createTimersService, type TimersService } from './timers.service.ts';
