// 智慧一窗通办: the public service hall.

// Back office: cases with working-day deadlines, progress checks, 好差评 with follow-ups, home visits, statistics.
export { registerServiceOfficeRoutes } from './office.routes.ts';
export {
  createServiceOfficeService,
  type ServiceOfficeDeps,
  type ServiceOfficeService,
} from './office.service.ts';
