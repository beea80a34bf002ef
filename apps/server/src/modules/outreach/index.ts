// 暖心为民 outreach: anti-fraud warnings, vulnerable residents, visit plans and home visits.
// Tables: fraud_warnings, fraud_warning_events, vulnerable_residents, home_visits
// (migration 20261207T0610-create-outreach.sql).
export type { OutreachDeps } from './outreach-common.ts';
export { registerOutreachRoutes } from './outreach.routes.ts';
export { createResidentsService, type ResidentsService } from './residents.service.ts';
export { createWarningsService, type WarningsService } from './warnings.service.ts';
