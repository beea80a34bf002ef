// Disputes (矛盾纠纷): what the command map and the console shell use.
export { disputeAlertsWatcher } from './dispute-alerts.tsx';
export { DisputeMapLayer, disputeLayerIds } from './dispute-map-layer.tsx';
