import { calloutLayerIds, volunteerLayerIds } from '../callouts/index.ts';
import { cameraLayerIds } from '../cameras/index.ts';
import { disputeLayerIds } from '../disputes/index.ts';
import { hazardLayerIds } from '../hazards/index.ts';
import { trafficLayerIds } from '../traffic/index.ts';
import { patrolLayerIds } from '../volunteers/index.ts';
import { overlayGroupLayers } from './plans/overlay-layers.ts';

/** The switchable layer groups of the command map (the layer switcher's check boxes). */
export type LayerGroup =
  | 'boundaries'
  | 'roads'
  | 'stations'
  | 'units'
  | 'incidents'
  | 'isochrone'
  | 'cameras'
  | 'hazards'
  | 'traffic'
  | 'disputes'
  | 'callouts'
  | 'volunteers'
  | 'patrols'
  | keyof typeof overlayGroupLayers;
export const layerGroups: readonly LayerGroup[] = [
  'boundaries',
  'roads',
  'stations',
  'units',
  'incidents',
  'isochrone',
  // Added by cameras/camera-map-layer.tsx once the map has loaded.
  'cameras',
  // Added by hazards/hazard-map-layer.tsx and disputes/dispute-map-layer.tsx once the map has loaded.
  'hazards',
  // Added by traffic/traffic-map-layer.tsx: sections with an active road-weather hazard and the signs.
  'traffic',
  'disputes',
  // Added by callouts/callout-map-layer.tsx once the map has loaded.
  'callouts',
  'volunteers',
  // Added by volunteers/patrol-map-layer.tsx: volunteers' runs under way with their tracks and targets.
  'patrols',
  // Added to the map by plans/overlay-layers.ts once it has loaded.
  'coverage',
  'plans',
  'closures',
];

/** The map layers of each switchable group. */
export const groupLayers: Record<LayerGroup, readonly string[]> = {
  boundaries: [
    'area-fill',
    'area-line',
    'grid-line',
    'tenant-line',
    'area-label',
    'place-label',
    'village-label',
  ],
  roads: ['roads-line'],
  stations: ['station-circle', 'brigade-circle', 'station-label'],
  units: ['unit-cluster', 'unit-icon', 'unit-label'],
  incidents: ['incident-cluster', 'incident-point', 'incident-label'],
  isochrone: ['iso-fill', 'iso-line'],
  cameras: cameraLayerIds,
  hazards: hazardLayerIds,
  traffic: trafficLayerIds,
  disputes: disputeLayerIds,
  callouts: calloutLayerIds,
  volunteers: volunteerLayerIds,
  patrols: patrolLayerIds,
  ...overlayGroupLayers,
};
