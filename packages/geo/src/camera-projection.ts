import { EARTH_RADIUS_M, type LngLat } from './lnglat.ts';
import { createLocalProjection } from './local-projection.ts';

/**
 * Where a fixed camera stands and looks. Angles in degrees: heading clockwise from true north, tilt
 * down from the horizontal, roll clockwise as seen from behind the camera. Heights in metres.
 */
export interface CameraPose {
  readonly lon: number;
  readonly lat: number;
  /** Height of the ground at the mast's foot above the datum (0 when unknown: a flat county). */
  readonly groundElevationM?: number;
  /** Height of the lens above the ground at the mast's foot. */
  readonly heightM: number;
  readonly headingDeg: number;
  readonly tiltDeg: number;
  readonly rollDeg?: number;
  /** Horizontal field of view of the picture. */
  readonly hfovDeg: number;
  /** Beyond this ground distance nothing is labelled (the picture shows no useful detail there). */
  readonly rangeM: number;
  /** Picture size in pixels. */
  readonly width: number;
  readonly height: number;
}

/** A world point; `altM` defaults to the camera's ground elevation (a point on flat ground). */
export interface WorldPoint {
  readonly lon: number;
  readonly lat: number;
  readonly altM?: number;
}

export type HiddenReason = 'behind' | 'beyond-range' | 'outside-frame';

/** Pixel x to the right, y down from the picture's top-left corner. */
export type Projected =
  | { readonly visible: true; x: number; y: number; depthM: number; distanceM: number }
  | {
      readonly visible: false;
      reason: HiddenReason;
      distanceM: number;
      /** Where the point would be on the (infinite) image plane; absent when it is behind the camera. */
      x?: number;
      y?: number;
    };

export interface GroundHit {
  lon: number;
  lat: number;
  /** Ground distance from the mast's foot. */
  distanceM: number;
  /** Beyond the camera's range: the pick is far and its position rough. */
  beyondRange: boolean;
}

type Vec3 = readonly [number, number, number];

const RAD = Math.PI / 180;
/** Points closer than this in front of the lens are treated as behind it (no division by ~0). */
const MIN_DEPTH_M = 0.5;

const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

export interface CameraFrame {
  /** Unit vectors in local east-north-up metres: right, up and forward (the optical axis). */
  readonly right: Vec3;
  readonly up: Vec3;
  readonly forward: Vec3;
  /** Focal length in pixels: (width/2) / tan(hfov/2). */
  readonly focalPx: number;
  readonly lensAltM: number;
  readonly groundAltM: number;
}

/** Pinhole geometry of a pose: camera axes in the local tangent plane and the focal length in pixels. */
export function cameraFrame(pose: CameraPose): CameraFrame {
  const h = pose.headingDeg * RAD;
  const t = pose.tiltDeg * RAD;
  const r = (pose.rollDeg ?? 0) * RAD;
  const forward: Vec3 = [Math.sin(h) * Math.cos(t), Math.cos(h) * Math.cos(t), -Math.sin(t)];
  const right0: Vec3 = [Math.cos(h), -Math.sin(h), 0];
  const up0: Vec3 = [Math.sin(h) * Math.sin(t), Math.cos(h) * Math.sin(t), Math.cos(t)];
  // Roll turns the camera clockwise about its axis: its right side goes down, the picture turns anticlockwise.
  const right: Vec3 = [
    Math.cos(r) * right0[0] - Math.sin(r) * up0[0],
    Math.cos(r) * right0[1] - Math.sin(r) * up0[1],
    Math.cos(r) * right0[2] - Math.sin(r) * up0[2],
  ];
  const up: Vec3 = [
    Math.sin(r) * right0[0] + Math.cos(r) * up0[0],
    Math.sin(r) * right0[1] + Math.cos(r) * up0[1],
    Math.sin(r) * right0[2] + Math.cos(r) * up0[2],
  ];
  const groundAltM = pose.groundElevationM ?? 0;
  return {
    right,
    up,
    forward,
    focalPx: pose.width / 2 / Math.tan((pose.hfovDeg * RAD) / 2),
    lensAltM: groundAltM + pose.heightM,
    groundAltM,
  };
}

/** Vertical field of view of the picture, from the horizontal one and the picture's aspect. */
export function verticalFovDeg(hfovDeg: number, width: number, height: number): number {
  return (2 * Math.atan((Math.tan((hfovDeg * RAD) / 2) * height) / width)) / RAD;
}

/**
 * A pose's projector: world point → pixel, or why it is hidden. The world is a local east-north-up
 * tangent plane at the mast (equirectangular, see local-projection.ts): good to a few metres within the
 * ranges of county cameras (a few km), with no earth curvature and no terrain occlusion.
 */
export function createCameraProjector(pose: CameraPose) {
  const frame = cameraFrame(pose);
  const local = createLocalProjection([pose.lon, pose.lat] as LngLat);
  const cx = pose.width / 2;
  const cy = pose.height / 2;

  function project(p: WorldPoint): Projected {
    const [east, north] = local.toXY([p.lon, p.lat]);
    const d: Vec3 = [east, north, (p.altM ?? frame.groundAltM) - frame.lensAltM];
    const distanceM = Math.hypot(east, north);
    const depthM = dot(d, frame.forward);
    if (depthM < MIN_DEPTH_M) return { visible: false, reason: 'behind', distanceM };
    const x = cx + (frame.focalPx * dot(d, frame.right)) / depthM;
    const y = cy - (frame.focalPx * dot(d, frame.up)) / depthM;
    if (distanceM > pose.rangeM) return { visible: false, reason: 'beyond-range', distanceM, x, y };
    if (x < 0 || x > pose.width || y < 0 || y > pose.height)
      return { visible: false, reason: 'outside-frame', distanceM, x, y };
    return { visible: true, x, y, depthM, distanceM };
  }

  /**
   * Pixel → the ground point seen there: the viewing ray meets the horizontal plane at `altM` (the
   * ground by default). Null when the ray points at or above the horizon.
   */
  function unproject(x: number, y: number, altM: number = frame.groundAltM): GroundHit | null {
    const a = (x - cx) / frame.focalPx;
    const b = -(y - cy) / frame.focalPx;
    const ray: Vec3 = [
      frame.forward[0] + a * frame.right[0] + b * frame.up[0],
      frame.forward[1] + a * frame.right[1] + b * frame.up[1],
      frame.forward[2] + a * frame.right[2] + b * frame.up[2],
    ];
    const drop = altM - frame.lensAltM;
    // The plane must lie ahead along the ray: below the lens and the ray going down, or the reverse.
    if (Math.abs(ray[2]) < 1e-9 || drop / ray[2] <= 0) return null;
    const s = drop / ray[2];
    const east = s * ray[0];
    const north = s * ray[1];
    const [lon, lat] = local.toLngLat([east, north]);
    const distanceM = Math.hypot(east, north);
    return { lon, lat, distanceM, beyondRange: distanceM > pose.rangeM };
  }

  return { pose, frame, project, unproject };
}
export type CameraProjector = ReturnType<typeof createCameraProjector>;

/** Pixel of a world point under a pose, or why it is hidden (one-off; build a projector for many points). */
export function projectToCamera(pose: CameraPose, p: WorldPoint): Projected {
  return createCameraProjector(pose).project(p);
}

/** The ground point under a pixel of a pose's picture, or null above the horizon. */
export function unprojectFromCamera(pose: CameraPose, x: number, y: number): GroundHit | null {
  return createCameraProjector(pose).unproject(x, y);
}

/** Camera options for a MapLibre map of the picture's size that shows what the camera sees. */
export interface MapCamera {
  center: [number, number];
  zoom: number;
  bearing: number;
  /** MapLibre pitch: 0 looks straight down, 90 at the horizon. */
  pitch: number;
  roll: number;
  /** Vertical field of view (MapLibre's `setVerticalFieldOfView`). */
  fovDeg: number;
  /** True when the camera looks too flat for the map and the pitch was limited to `maxPitch`. */
  clamped: boolean;
}

/** Tiles of MapLibre's world are 512 px wide at zoom 0. */
const MAPLIBRE_TILE_PX = 512;

/**
 * The MapLibre camera (flat map, no terrain) matching a pose: MapLibre puts the eye on the line from the
 * centre at `pitch` from the vertical, at 0.5·height / tan(fov/2) pixels, so the centre is where the
 * optical axis meets the ground and the zoom makes that distance equal the slant range in metres.
 */
export function mapCameraForPose(pose: CameraPose, options: { maxPitch?: number } = {}): MapCamera {
  const maxPitch = options.maxPitch ?? 85;
  const fovDeg = verticalFovDeg(pose.hfovDeg, pose.width, pose.height);
  const pitchWanted = 90 - pose.tiltDeg;
  const clamped = pitchWanted > maxPitch;
  const pitch = Math.max(0, Math.min(maxPitch, pitchWanted));
  const tilt = (90 - pitch) * RAD;
  const slantM = pose.heightM / Math.sin(tilt);
  const groundM = pose.heightM / Math.tan(tilt);
  const heading = pose.headingDeg * RAD;
  const local = createLocalProjection([pose.lon, pose.lat] as LngLat);
  const [lon, lat] = local.toLngLat([groundM * Math.sin(heading), groundM * Math.cos(heading)]);
  const eyePx = (0.5 * pose.height) / Math.tan((fovDeg * RAD) / 2);
  const circumferenceM = 2 * Math.PI * EARTH_RADIUS_M * Math.cos(lat * RAD);
  const zoom = Math.log2((eyePx * circumferenceM) / (MAPLIBRE_TILE_PX * slantM));
  return {
    center: [lon, lat],
    zoom,
    bearing: ((pose.headingDeg % 360) + 360) % 360,
    pitch,
    roll: pose.rollDeg ?? 0,
    fovDeg,
    clamped,
  };
}

/** Compass bearing in degrees (0 north, clockwise) from one position to another, in the local plane. */
export function bearingDeg(from: WorldPoint, to: WorldPoint): number {
  const [east, north] = createLocalProjection([from.lon, from.lat] as LngLat).toXY([to.lon, to.lat]);
  return (((Math.atan2(east, north) / RAD) % 360) + 360) % 360;
}
