// Hazards (隐患): what the phone app and the routes use.
export { type Hazard, type HazardDetail, hazardKeys, hazardsApi, hazardUrls } from '../../api/hazards-api.ts';
export { GridCaseButton } from './grid-case-button.tsx';
