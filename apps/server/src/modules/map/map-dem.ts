import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { deflateSync } from 'node:zlib';
import { type Bounds, boundsIntersect, encodePng, terrainTile, tileBounds } from '@ronghui/maptiles';
import { type ElevationTile, elevationAt, parseSrtm } from '@ronghui/routing';

/**
 * Finest zoom worth sampling SRTM at: its 3″ spacing is ≈ 90 m, a z11 pixel ≈ 70 m at 25° N (≈ 56 m at 42°).
 * MapLibre over-zooms past it.
 */
export const DEM_MAX_ZOOM = 11;

/** The elevation model of `DEM_PATH`: SRTM tiles read once at start, Terrarium PNG tiles made on demand. */
export function createDem(paths: readonly string[]) {
  const tiles: ElevationTile[] = paths.map((path) => parseSrtm(readFileSync(path), basename(path)));
  const extents: Bounds[] = tiles.map((t) => [t.west, t.south, t.west + 1, t.south + 1]);
  const bounds: Bounds | null =
    extents.length === 0
      ? null
      : [
          Math.min(...extents.map((b) => b[0])),
          Math.min(...extents.map((b) => b[1])),
          Math.max(...extents.map((b) => b[2])),
          Math.max(...extents.map((b) => b[3])),
        ];
  const heightAt = (lon: number, lat: number): number | undefined => {
    for (const tile of tiles) {
      const h = elevationAt(tile, lon, lat);
      if (h !== undefined) return h;
    }
    return undefined;
  };
  const cache = new Map<string, Uint8Array>();
  return {
    bounds,
    heightAt,
    /** A 256-px Terrarium PNG, or null where the tile does not touch the model. */
    tile(z: number, x: number, y: number): Uint8Array | null {
      const box = tileBounds(z, x, y);
      if (!extents.some((e) => boundsIntersect(box, e))) return null;
      const key = `${z}/${x}/${y}`;
      let png = cache.get(key);
      if (!png) {
        png = encodePng(terrainTile(z, x, y, heightAt, { fallback: 0 }), (raw) => deflateSync(raw));
        if (cache.size >= 512) cache.delete(cache.keys().next().value!);
        cache.set(key, png);
      }
      return png;
    },
  };
}
export type Dem = ReturnType<typeof createDem>;
