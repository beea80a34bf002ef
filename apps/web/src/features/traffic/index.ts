// 智慧交通 (smart traffic): what the command map and the big screen use.
export { TrafficMapLayer, trafficLayerIds } from './traffic-map-layer.tsx';
export { SignMatrix } from './sign-matrix.tsx';
export { levelColors, sectionLevels } from './traffic-view.ts';
