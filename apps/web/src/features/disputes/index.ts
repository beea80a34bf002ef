export { DisputeAlerts } from './dispute-alerts.tsx';
