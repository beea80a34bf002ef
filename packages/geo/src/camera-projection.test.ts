import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bearingDeg,
  type CameraPose,
  createCameraProjector,
  mapCameraForPose,
  projectToCamera,
  unprojectFromCamera,
  verticalFovDeg,
} from './camera-projection.ts';
import type { LngLat } from './lnglat.ts';
import { createLocalProjection } from './local-projection.ts';

const RAD = Math.PI / 180;
// A mast in 德化 county town looking east, 20 m up, 10° down, 60° wide, 1600×900 picture.
const pose: CameraPose = {
  lon: 118.24,
  lat: 25.49,
  heightM: 20,
  headingDeg: 90,
  tiltDeg: 10,
  hfovDeg: 60,
  rangeM: 2000,
  width: 1600,
  height: 900,
};
const f = 800 / Math.tan(30 * RAD);
const local = createLocalProjection([pose.lon, pose.lat] as LngLat);
/** The world point `ahead` m along bearing `bearing`, at `alt` m (ground by default). */
function at(bearing: number, distance: number, altM?: number) {
  const [lon, lat] = local.toLngLat([distance * Math.sin(bearing * RAD), distance * Math.cos(bearing * RAD)]);
  return altM === undefined ? { lon, lat } : { lon, lat, altM };
}
function visible(p: ReturnType<typeof projectToCamera>) {
  if (!p.visible) throw new Error(`expected visible, got ${p.reason}`);
  return p;
}

describe('camera projection (pinhole)', () => {
  it('puts a point straight ahead on the optical axis at the image centre', () => {
    // Along the axis: 10° down from a 20 m mast, at eye level plus the drop over its distance.
    const d = 500;
    const p = visible(projectToCamera(pose, at(90, d, 20 - d * Math.tan(10 * RAD))));
    expect(p.x).toBeCloseTo(800, 6);
    expect(p.y).toBeCloseTo(450, 6);
    expect(p.depthM).toBeCloseTo(d / Math.cos(10 * RAD), 3);
    expect(p.distanceM).toBeCloseTo(d, 3);
  });

  it('puts a point at bearing +θ on the horizon at cx + f·tanθ (level camera)', () => {
    const level = { ...pose, tiltDeg: 0 };
    for (const theta of [-25, -10, 0, 5, 20, 29]) {
      const p = visible(projectToCamera(level, at(90 + theta, 800, 20)));
      expect(p.x).toBeCloseTo(800 + f * Math.tan(theta * RAD), 6);
      expect(p.y).toBeCloseTo(450, 6);
    }
  });

  it('puts the ground point at h / tan(tilt) ahead on the centre row', () => {
    for (const tilt of [5, 10, 30, 60]) {
      const p = visible(projectToCamera({ ...pose, tiltDeg: tilt }, at(90, 20 / Math.tan(tilt * RAD))));
      expect(p.x).toBeCloseTo(800, 6);
      expect(p.y).toBeCloseTo(450, 6);
    }
    // Nearer ground lies lower in the picture, farther ground higher.
    const near = visible(projectToCamera(pose, at(90, 80)));
    const far = visible(projectToCamera(pose, at(90, 400)));
    expect(near.y).toBeGreaterThan(450);
    expect(far.y).toBeLessThan(450);
  });

  it('hides points behind the camera, beyond its range, or off the picture', () => {
    expect(projectToCamera(pose, at(270, 100))).toMatchObject({ visible: false, reason: 'behind' });
    expect(projectToCamera(pose, at(180, 100, 20))).toMatchObject({ visible: false, reason: 'behind' });
    expect(projectToCamera(pose, at(90, 2500))).toMatchObject({ visible: false, reason: 'beyond-range' });
    expect(projectToCamera(pose, at(90, 1999)).visible).toBe(true);
    // 40° right of the axis with a 60° picture: in front, but outside the frame (x known, for edge marks).
    const side = projectToCamera(pose, at(130, 300));
    expect(side).toMatchObject({ visible: false, reason: 'outside-frame' });
    expect(side.visible === false && side.x! > 1600).toBe(true);
    // Right under the mast: in front of the lens plane only when the camera looks steeply down.
    expect(projectToCamera(pose, at(90, 1)).visible).toBe(false);
  });

  it('turns the picture with roll: a point right of centre moves up under positive roll', () => {
    const level = { ...pose, tiltDeg: 0 };
    const p = at(90 + 10, 800, 20);
    const flat = visible(projectToCamera(level, p));
    const rolled = visible(projectToCamera({ ...level, rollDeg: 15 }, p));
    // Rotating the camera clockwise turns the image anticlockwise about the centre by the same angle.
    const dx = flat.x - 800;
    const expectedX = 800 + dx * Math.cos(15 * RAD);
    const expectedY = 450 - dx * Math.sin(15 * RAD);
    expect(rolled.x).toBeCloseTo(expectedX, 6);
    expect(rolled.y).toBeCloseTo(expectedY, 6);
    // Distances from the centre are kept.
    expect(Math.hypot(rolled.x - 800, rolled.y - 450)).toBeCloseTo(Math.abs(dx), 6);
  });

  it('handles north-facing and south-west-facing cameras with the same geometry', () => {
    for (const heading of [0, 225, 359]) {
      const p = visible(
        projectToCamera({ ...pose, headingDeg: heading }, at(heading, 20 / Math.tan(10 * RAD))),
      );
      expect(p.x).toBeCloseTo(800, 6);
      expect(p.y).toBeCloseTo(450, 6);
      // A point slightly clockwise of the heading is right of centre.
      expect(
        visible(projectToCamera({ ...pose, headingDeg: heading }, at(heading + 5, 300))).x,
      ).toBeGreaterThan(800);
    }
  });

  it('takes the ground elevation into account: points default to the ground at the mast', () => {
    const high = { ...pose, groundElevationM: 500 };
    const a = visible(projectToCamera(pose, at(90, 300)));
    const b = visible(projectToCamera(high, at(90, 300)));
    const c = visible(projectToCamera(high, at(90, 300, 500)));
    expect(b.y).toBeCloseTo(a.y, 9);
    expect(c.y).toBeCloseTo(a.y, 9);
    // A roof 10 m above the ground appears higher in the picture.
    expect(visible(projectToCamera(high, at(90, 300, 510))).y).toBeLessThan(a.y);
  });

  it('inverts: the ground point under a pixel projects back to that pixel', () => {
    const hit = unprojectFromCamera(pose, 800, 450)!;
    expect(hit.distanceM).toBeCloseTo(20 / Math.tan(10 * RAD), 6);
    expect(bearingDeg(pose, hit)).toBeCloseTo(90, 6);
    // Above the horizon there is no ground.
    expect(unprojectFromCamera(pose, 800, 0)).toBeNull();
    expect(unprojectFromCamera({ ...pose, tiltDeg: 0 }, 800, 450)).toBeNull();
  });

  it('property: inverse(project(p)) ≈ p for ground points in the picture, any pose', () => {
    const poseArb = fc.record({
      lon: fc.double({ min: 117.9, max: 118.5, noNaN: true }),
      lat: fc.double({ min: 25.3, max: 25.9, noNaN: true }),
      groundElevationM: fc.double({ min: 0, max: 1500, noNaN: true }),
      heightM: fc.double({ min: 3, max: 120, noNaN: true }),
      headingDeg: fc.double({ min: 0, max: 360, noNaN: true }),
      tiltDeg: fc.double({ min: 2, max: 80, noNaN: true }),
      rollDeg: fc.double({ min: -20, max: 20, noNaN: true }),
      hfovDeg: fc.double({ min: 20, max: 100, noNaN: true }),
      rangeM: fc.constant(5000),
      width: fc.integer({ min: 320, max: 3840 }),
      height: fc.integer({ min: 240, max: 2160 }),
    });
    fc.assert(
      fc.property(
        poseArb,
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        (p, u, v) => {
          const camera = createCameraProjector(p);
          const px = u * p.width;
          const py = v * p.height;
          const hit = camera.unproject(px, py);
          if (!hit || hit.distanceM > 4000) return; // sky, or too far to be a meaningful pick
          const back = camera.project(hit);
          expect(back.visible).toBe(true);
          if (back.visible) {
            expect(back.x).toBeCloseTo(px, 4);
            expect(back.y).toBeCloseTo(py, 4);
          }
        },
      ),
      { numRuns: 300, seed: 350526 },
    );
  });

  it('property: a point keeps its side of the axis (left of the heading → left of centre)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 360, noNaN: true }),
        fc.double({ min: -29, max: 29, noNaN: true }),
        fc.double({ min: 200, max: 1900, noNaN: true }),
        (heading, offset, distance) => {
          const p = projectToCamera({ ...pose, headingDeg: heading }, at(heading + offset, distance, 20));
          if (!p.visible) return;
          if (Math.abs(offset) > 1e-6) expect(Math.sign(p.x - 800)).toBe(Math.sign(offset));
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });

  it('derives the vertical field of view from the aspect ratio', () => {
    expect(verticalFovDeg(60, 1600, 900)).toBeCloseTo(
      (2 * Math.atan(Math.tan(30 * RAD) * (9 / 16))) / RAD,
      9,
    );
    expect(verticalFovDeg(90, 1000, 1000)).toBeCloseTo(90, 9);
  });
});

describe('MapLibre camera for a pose', () => {
  it('centres the map where the optical axis meets the ground, with matching bearing, pitch and fov', () => {
    const cam = mapCameraForPose(pose);
    expect(cam.bearing).toBe(90);
    expect(cam.pitch).toBeCloseTo(80, 9);
    expect(cam.clamped).toBe(false);
    expect(cam.fovDeg).toBeCloseTo(verticalFovDeg(60, 1600, 900), 9);
    const centre = unprojectFromCamera(pose, 800, 450)!;
    expect(cam.center[0]).toBeCloseTo(centre.lon, 9);
    expect(cam.center[1]).toBeCloseTo(centre.lat, 9);
    // Eye distance in MapLibre pixels equals the slant range in metres times pixels per metre.
    const slant = 20 / Math.sin(10 * RAD);
    const eyePx = 450 / Math.tan((cam.fovDeg * RAD) / 2);
    const pxPerM = (512 * 2 ** cam.zoom) / (2 * Math.PI * 6_371_008.8 * Math.cos(cam.center[1] * RAD));
    expect(slant * pxPerM).toBeCloseTo(eyePx, 6);
  });

  it('limits the pitch of a camera looking at the horizon and says so', () => {
    const cam = mapCameraForPose({ ...pose, tiltDeg: 1, headingDeg: -30 }, { maxPitch: 85 });
    expect(cam.pitch).toBe(85);
    expect(cam.clamped).toBe(true);
    expect(cam.bearing).toBeCloseTo(330, 9);
  });

  it('zooms in when the camera is lower (closer to the ground it looks at)', () => {
    expect(mapCameraForPose({ ...pose, heightM: 10 }).zoom).toBeCloseTo(mapCameraForPose(pose).zoom + 1, 9);
  });
});
