import type { MapConfig, PlaceLabelKind, PlaceLabels } from '@ronghui/contracts';
import { GlyphRangeError } from '@ronghui/maptiles';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { DB } from '../../platform/db/schema.ts';
import { DomainError, invalid } from '../../platform/http/errors.ts';
import { createDem, DEM_MAX_ZOOM, type Dem } from './map-dem.ts';
import { createFontLibrary, type FontLibrary } from './map-fonts.ts';
import type { OrgsService } from '../orgs/index.ts';
import { countyExtent } from './map-extent.ts';
import type { MapRepo } from './map.repo.ts';

const notServed = (detail: string) => new DomainError('not-found', 'Not found', detail);

/** What the server configures for every map, whatever the county. */
export type MapSettings = Omit<MapConfig, 'center' | 'bounds'>;

/** Offline map resources: glyphs for labels, terrain tiles, and the console's map settings. */
export function createMapService(deps: {
  config: Pick<Config, 'DEM_PATH' | 'MAP_TILE_URL' | 'MAP_TILE_ATTRIBUTION'>;
  fonts?: FontLibrary;
  db?: Kysely<DB>;
  repo?: MapRepo;
  /** The tenant's outline gives the county's centre and bounds. */
  orgs?: OrgsService;
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

  // Per root org object: a reloaded org directory brings new objects, and the extent is worked out again.
  const extents = new WeakMap<object, ReturnType<typeof countyExtent>>();

  return {
    settings: (): MapSettings => settings,

    /** The settings with the user's county: its centre and bounds, from the tenant's root outline. */
    async config(principal: Principal): Promise<MapConfig> {
      const root = deps.orgs ? (await deps.orgs.directory(principal.tenantCode)).root() : undefined;
      let extent = root ? extents.get(root) : null;
      if (root && extent === undefined) {
        extent = countyExtent(root.boundary);
        extents.set(root, extent);
      }
      return { ...settings, center: extent?.center ?? null, bounds: extent?.bounds ?? null };
    },

    /** Gazetteer names of the user's county as GeoJSON points for the map's place labels. */
    async places(principal: Principal): Promise<PlaceLabels> {
      const { db, repo } = deps;
      if (!db || !repo) return { type: 'FeatureCollection', features: [] };
      const [divisions, places] = await Promise.all([
        repo.divisions(db, principal.tenantCode),
        repo.places(db, principal.tenantCode),
      ]);
      const feature = (
        id: string,
        name: string,
        kind: PlaceLabelKind,
        lon: number,
        lat: number,
        population = 0,
      ) => ({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [lon, lat] as [number, number] },
        properties: { id, name, kind, rank: kind === 'township' ? 0 : kind === 'place' ? 1 : 2, population },
      });
      return {
        type: 'FeatureCollection',
        features: [
          ...divisions.map((d) => feature(d.code, d.name, d.level, d.lon, d.lat, d.population)),
          ...places.map((p) => feature(p.id, p.name, 'place', p.lon, p.lat)),
        ],
      };
    },

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
