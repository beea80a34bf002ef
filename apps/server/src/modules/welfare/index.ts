// 爱警暖警 (officer welfare). Tables: `welfare_*` (migration 20261207T0400-create-welfare.sql).
export { registerWelfareRoutes } from './welfare.routes.ts';
export { createWelfareService, type WelfareDeps, type WelfareService } from './welfare.service.ts';
