import { GlyphRangeError } from '@ronghui/maptiles';
import type { Config } from '../../config.ts';
import { DomainError, invalid } from '../../platform/http/errors.ts';
import { createDem, DEM_MAX_ZOOM, type Dem } from './map-dem.ts';
import { createFontLibrary, type FontLibrary } from './map-fonts.ts';
import type { MapSettings } from './map.schema.ts';

const notServed = (detail: string) => new DomainError('not-found', 'Not found', detail);

/** Offline map resources: glyphs for labels, terrain tiles, and the console's map settings. */
export function createMapService(deps: {
  config: Pick<Config, 'DEM_PATH' | 'MAP_TILE_URL' | 'MAP_TILE_ATTRIBUTION'>;
  fonts?: FontLibrary;
}) {
  const fonts = deps.fonts ?? createFontLibrary();
  const dem: Dem | null = deps.config.DEM_PATH.length > 0 ? createDem(deps.config.DEM_PATH) : null;
  const settings: MapSettings = {
    glyphs: { url: '/api/map/glyphs/{fontstack}/{range}.pbf', fonts: fonts.names },
    baseTiles: deps.config.MAP_TILE_URL
      ? { url: deps.config.MAP_TILE_URL, attribution: deps.config.MAP_TILE_ATTRIBUTION ?? null }
      : null,
    terrain: dem?.bounds
      ? {
          url: '/api/map/terrain/{z}/{x}/{y}.png',
          encoding: 'terrarium',
          tileSize: 256,
          maxzoom: DEM_MAX_ZOOM,
          bounds: [...dem.bounds],
        }
      : null,
  };

  return {
    settings: (): MapSettings => settings,

    /** A glyph range of the first font of the stack that we serve (MapLibre joins `text-font` with commas). */
    glyphs(fontstack: string, range: string): Uint8Array {
      const names = fontstack.split(',').map((n) => n.trim());
      const name = names.find((n) => fonts.names.includes(n));
      if (!name) {
        throw notServed(`Font stack "${fontstack}" is not served; available: ${fonts.names.join(', ')}.`);
      }
      try {
        return fonts.font(name)!.rangePbf(range);
      } catch (error) {
        if (error instanceof GlyphRangeError) throw invalid('/range', error.message);
        throw error;
      }
    },

    terrain(z: number, x: number, y: number): Uint8Array {
      if (!dem)
        throw notServed('No elevation model is configured (set DEM_PATH to SRTM .hgt or .hgt.zip files).');
      const png = dem.tile(z, x, y);
      if (!png) throw notServed(`Terrain tile ${z}/${x}/${y} lies outside the elevation model.`);
      return png;
    },
  };
}
export type MapService = ReturnType<typeof createMapService>;
