// 智慧一窗通办 (the public service hall). Tables: `service_*` (migration 20261207T0200-create-services.sql).

// Front of house: catalogue, halls and counters, slots, one-time codes, holds, appointments, reminders,
// no-shows, the queue and the calling screen.
export { registerServiceHallRoutes } from './hall.routes.ts';
export {
  createServiceHallService,
  type ManageProof,
  type ServiceHallDeps,
  type ServiceHallService,
  type ServiceHallSettings,
} from './hall.service.ts';

// Back office: cases with working-day deadlines, progress checks, 好差评 with follow-ups, home visits, statistics.
export { registerServiceOfficeRoutes } from './office.routes.ts';
export {
  createServiceOfficeService,
  type ServiceOfficeDeps,
  type ServiceOfficeService,
} from './office.service.ts';
