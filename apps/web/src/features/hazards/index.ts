// Hazards (隐患): what the phone app, the routes and the command map use.
export { type Hazard, type HazardDetail, hazardKeys, hazardsApi, hazardUrls } from '../../api/hazards-api.ts';
export { GridCaseButton } from './grid-case-button.tsx';
export { HazardMapLayer, hazardLayerIds, hazardStateColors } from './hazard-map-layer.tsx';
