export { createOrderAlerts, type OrderAlerts } from './order-alerts.ts';
export { createPushRepo, type PushRepo } from './push.repo.ts';
export { registerPushRoutes } from './push.routes.ts';
export { createPushService, type PushService, type PushTransport } from './push.service.ts';
export { loadVapidKeys, type VapidKeys } from './push-keys.ts';
