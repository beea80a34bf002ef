// What the cameras feature offers the other features: cameras on the command map, and the intake point a
// camera's AR view hands to the console.
export { cameraLayerIds } from './camera-features.ts';
export { CameraMapLayer } from './camera-map-layer.tsx';
export { intakePointOf } from './intake-link.ts';
