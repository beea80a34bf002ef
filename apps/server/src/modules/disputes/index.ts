// 矛盾纠纷: dispute registration and mediation.
export { createDisputesRepo, type DisputeEventInsert, type DisputesRepo } from './disputes.repo.ts';
export { registerDisputesRoutes } from './disputes.routes.ts';
export { createDisputesService, type DisputesService, gridAt } from './disputes.service.ts';
export { dueAt } from './dispute-rules.ts';
