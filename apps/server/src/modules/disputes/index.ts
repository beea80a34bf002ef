// 矛盾纠纷: dispute registration and mediation.
export { createDisputesRepo, type DisputeEventInsert, type DisputesRepo } from './disputes.repo.ts';
export { registerDisputesRoutes } from './disputes.routes.ts';
export { createDisputesService, type DisputesService, gridAt } from './disputes.service.ts';
export { chinaYearStart, dueAt, type StatsBucket, statsFromBuckets } from './dispute-rules.ts';
export type { DisputeFilter } from './disputes.repo.ts';
