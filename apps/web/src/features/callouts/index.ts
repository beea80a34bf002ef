// 一呼百应: call-outs of volunteers on the incident panel and the command map.
export { CalloutCard } from './callout-card.tsx';
export { CalloutMapLayers, calloutLayerIds, volunteerLayerIds } from './callout-map-layer.tsx';
export { calloutPlaceColor, recipientColors, volunteerColor } from './callout-map-data.ts';
