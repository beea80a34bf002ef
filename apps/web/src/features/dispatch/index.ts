// What the dispatch feature offers the other features: the live command map and its layer groups.
export { DispatchMap, type DispatchMapProps, type MapFocus, type MapPick } from './dispatch-map.tsx';
export { type LayerGroup, layerGroups } from './layer-groups.ts';
