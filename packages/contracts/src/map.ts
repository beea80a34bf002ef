import { z } from 'zod';
import { lngLat } from './common.ts';

/** The map module: what the console map needs from our own server (`/api/map/*`). */

/** `[west, south, east, north]` in WGS-84 degrees. */
export const mapBounds = z.tuple([z.number(), z.number(), z.number(), z.number()]);
export type MapBounds = z.infer<typeof mapBounds>;

/** `GET /api/map/glyphs/:fontstack/:range.pbf` (answers `application/x-protobuf`). */
export const mapGlyphParams = z.object({
  fontstack: z.string().min(1).max(200),
  range: z.string().min(1).max(20),
});
export type MapGlyphParams = z.infer<typeof mapGlyphParams>;

/** `GET /api/map/terrain/:z/:x/:y.png` (answers `image/png`). */
export const mapTerrainParams = z
  .object({
    z: z.coerce.number().int().min(0).max(22),
    x: z.coerce.number().int().min(0),
    y: z.coerce.number().int().min(0),
  })
  .refine((t) => t.x < 2 ** t.z && t.y < 2 ** t.z, {
    message: 'x and y must be below 2^z',
    path: ['x'],
  });
export type MapTerrainParams = z.infer<typeof mapTerrainParams>;

/** `GET /api/map/config`: where glyphs, terrain and base tiles come from, and where the county lies. */
export const mapConfig = z.object({
  /** Glyph URL template (relative to the server) and the font stacks it serves. */
  glyphs: z.object({ url: z.string(), fonts: z.array(z.string()) }),
  /** The bureau's own raster base tiles (MAP_TILE_URL), or null: then the map uses our own layers only. */
  baseTiles: z.object({ url: z.string(), attribution: z.string().nullable() }).nullable(),
  /** Terrarium raster-dem tiles from DEM_PATH, or null when no elevation model is configured. */
  terrain: z
    .object({
      url: z.string(),
      encoding: z.literal('terrarium'),
      tileSize: z.literal(256),
      maxzoom: z.number().int(),
      bounds: mapBounds,
    })
    .nullable(),
  /**
   * The centre of the county (the centroid of the tenant's outline, moved inside it if the outline is
   * concave), or null when the tenant has no outline.
   */
  center: lngLat.nullable(),
  /** The bounding box of the tenant's outline, where the maps start; null when it has none. */
  bounds: mapBounds.nullable(),
});
export type MapConfig = z.infer<typeof mapConfig>;

export const placeLabelKind = z.enum(['township', 'place', 'village']);
export type PlaceLabelKind = z.infer<typeof placeLabelKind>;

/** One gazetteer name as a map label. */
export const placeLabel = z.object({
  type: z.literal('Feature'),
  geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
  properties: z.object({
    /** Division code or place id. */
    id: z.string(),
    name: z.string(),
    kind: placeLabelKind,
    /** Lower shows first and from further out: 0 township seats, 1 named places, 2 villages. */
    rank: z.number().int(),
    /** People living there (divisions; 0 for places). */
    population: z.number().int(),
  }),
});
export type PlaceLabel = z.infer<typeof placeLabel>;

/** `GET /api/map/places`: the gazetteer of the user's county as GeoJSON points. */
export const placeLabels = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(placeLabel),
});
export type PlaceLabels = z.infer<typeof placeLabels>;
