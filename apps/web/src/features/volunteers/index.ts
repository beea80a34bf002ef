// 群防群治 volunteers: what the command map uses (the patrols layer).
export { PatrolRunsMapLayer, patrolLayerIds } from './patrol-map-layer.tsx';
