import { z } from 'zod';
import { isoDateTime, listOf } from './common.ts';

export const streamKind = z.enum(['none', 'hls', 'mjpeg', 'snapshot']);
export type StreamKind = z.infer<typeof streamKind>;

export const cameraId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._:-]+$/, 'a camera id: letters, digits, . _ : -');
export const cameraParams = z.object({ id: cameraId }).strict();

/** Only plain web streams: no file:, javascript: or data: URLs reach a browser through the registry. */
const streamUrl = z
  .string()
  .trim()
  .max(2000)
  .url('must be an absolute URL')
  .refine((u) => /^https?:\/\//i.test(u), 'must be an http or https URL');

/** A camera's pose and stream: position, mast, heading, tilt, roll, field of view, range. */
const fields = {
  code: z
    .string()
    .trim()
    .min(1)
    .max(32)
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ (e.g. DH-CAM-017)'),
  name: z.string().trim().min(1).max(80),
  stationId: z.string().min(1).max(64),
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  groundElevationMeters: z.number().min(-500).max(9000),
  heightMeters: z.number().gt(0, 'must be above the ground (metres)').max(1000),
  headingDegrees: z.number().min(0).lt(360, 'degrees clockwise from north, 0 ≤ heading < 360'),
  tiltDegrees: z.number().min(-30).max(90, 'degrees down from the horizontal, -30 … 90'),
  rollDegrees: z.number().min(-45).max(45),
  hfovDegrees: z.number().min(1).max(179, 'horizontal field of view in degrees, 1 … 179'),
  rangeMeters: z.number().min(10).max(20_000),
  streamKind,
  streamUrl: streamUrl.nullable(),
  active: z.boolean(),
};

/** `POST /api/cameras`. */
export const createCameraBody = z
  .object({
    ...fields,
    groundElevationMeters: fields.groundElevationMeters.default(0),
    rollDegrees: fields.rollDegrees.default(0),
    streamKind: fields.streamKind.default('none'),
    streamUrl: fields.streamUrl.default(null),
    active: fields.active.default(true),
  })
  .strict();
export type CreateCameraBody = z.input<typeof createCameraBody>;
/** A camera's fields once defaults are applied. */
export type CameraFields = z.output<typeof createCameraBody>;

/** `PATCH /api/cameras/:id`: any subset of the fields. */
export const updateCameraBody = z
  .object(fields)
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'name at least one field to change');
export type UpdateCameraBody = z.infer<typeof updateCameraBody>;

/** `GET /api/cameras?station=`. */
export const cameraListQuery = z.object({ station: z.string().max(64).optional() }).strict();
export type CameraListQuery = z.infer<typeof cameraListQuery>;

/** A registered camera, as the registry and the AR view read it. */
export const camera = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  stationId: z.string(),
  stationName: z.string(),
  lon: z.number(),
  lat: z.number(),
  /** Ground elevation at the mast, metres above sea level. */
  groundElevationMeters: z.number(),
  /** Lens above the ground. */
  heightMeters: z.number(),
  /** Clockwise from north. */
  headingDegrees: z.number(),
  /** Down from the horizontal. */
  tiltDegrees: z.number(),
  rollDegrees: z.number(),
  /** Horizontal field of view. */
  hfovDegrees: z.number(),
  /** Labels farther away are hidden. */
  rangeMeters: z.number(),
  streamKind,
  streamUrl: z.string().nullable(),
  active: z.boolean(),
  createdBy: z.string(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Camera = z.infer<typeof camera>;

export const cameraList = listOf(camera);
export type CameraList = z.infer<typeof cameraList>;

/** A named thing near a camera that its AR view labels. */
export const cameraScenePlace = z.object({
  kind: z.enum(['place', 'village', 'township', 'station']),
  name: z.string(),
  lon: z.number(),
  lat: z.number(),
  distanceMeters: z.number(),
});
export type CameraScenePlace = z.infer<typeof cameraScenePlace>;

/** `GET /api/cameras/:id/scene`: places within the camera's range, nearest first (at most 200). */
export const cameraScene = listOf(cameraScenePlace);
export type CameraScene = z.infer<typeof cameraScene>;
