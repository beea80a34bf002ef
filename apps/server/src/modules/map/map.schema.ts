import { z } from 'zod';

export const glyphParams = z.object({
  fontstack: z.string().min(1).max(200),
  range: z.string().min(1).max(20),
});

export const terrainParams = z
  .object({
    z: z.coerce.number().int().min(0).max(22),
    x: z.coerce.number().int().min(0),
    y: z.coerce.number().int().min(0),
  })
  .refine((t) => t.x < 2 ** t.z && t.y < 2 ** t.z, {
    message: 'x and y must be below 2^z',
    path: ['x'],
  });

/** What the console needs to set its map up: where glyphs, terrain and base tiles come from. */
export interface MapSettings {
  /** Glyph URL template (relative to the server) and the font stacks it serves. */
  glyphs: { url: string; fonts: string[] };
  /** The bureau's own raster base tiles (MAP_TILE_URL), or null: then the map uses our own layers only. */
  baseTiles: { url: string; attribution: string | null } | null;
  /** Terrarium raster-dem tiles from DEM_PATH, or null when no elevation model is configured. */
  terrain: {
    url: string;
    encoding: 'terrarium';
    tileSize: 256;
    maxzoom: number;
    bounds: [number, number, number, number];
  } | null;
}
