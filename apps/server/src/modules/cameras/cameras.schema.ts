import { z } from 'zod';

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
  groundElevationM: z.number().min(-500).max(9000),
  heightM: z.number().gt(0, 'must be above the ground (metres)').max(1000),
  headingDeg: z.number().min(0).lt(360, 'degrees clockwise from north, 0 ≤ heading < 360'),
  tiltDeg: z.number().min(-30).max(90, 'degrees down from the horizontal, -30 … 90'),
  rollDeg: z.number().min(-45).max(45),
  hfovDeg: z.number().min(1).max(179, 'horizontal field of view in degrees, 1 … 179'),
  rangeM: z.number().min(10).max(20_000),
  streamKind: z.enum(['none', 'hls', 'mjpeg', 'snapshot']),
  streamUrl: streamUrl.nullable(),
  active: z.boolean(),
};

export const createCameraBody = z
  .object({
    ...fields,
    groundElevationM: fields.groundElevationM.default(0),
    rollDeg: fields.rollDeg.default(0),
    streamKind: fields.streamKind.default('none'),
    streamUrl: fields.streamUrl.default(null),
    active: fields.active.default(true),
  })
  .strict();
export type CreateCameraBody = z.infer<typeof createCameraBody>;

export const updateCameraBody = z
  .object(fields)
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'name at least one field to change');
export type UpdateCameraBody = z.infer<typeof updateCameraBody>;

export const listCamerasQuery = z.object({ station: z.string().max(64).optional() }).strict();
