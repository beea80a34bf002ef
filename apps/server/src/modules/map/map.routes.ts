import { mapConfig, mapGlyphParams, mapTerrainParams, placeLabels } from '@ronghui/contracts';
import { requireUser } from '../../platform/auth/guard.ts';
import type { App } from '../../platform/http/app-types.ts';
import type { MapService } from './map.service.ts';

// Map resources change only with the server's configuration: browsers may keep them for a day.
const CACHE = 'private, max-age=86400';

export function registerMapRoutes(app: App, map: MapService) {
  app.get(
    '/api/map/config',
    {
      schema: {
        tags: ['map'],
        summary: 'Where the console map gets glyphs, terrain and base tiles, and where the county lies',
        response: { 200: mapConfig },
      },
    },
    async (request) => map.config(requireUser(request)),
  );
  app.get(
    '/api/map/places',
    {
      schema: {
        tags: ['map'],
        summary: 'Township seats, villages and named places as GeoJSON points',
        response: { 200: placeLabels },
      },
    },
    async (request) => map.places(requireUser(request)),
  );
  app.get(
    '/api/map/glyphs/:fontstack/:range.pbf',
    {
      schema: {
        tags: ['map'],
        summary: 'MapLibre glyphs (SDF protobuf, 24 px, 3 px buffer) for a font stack and a range of 256',
        params: mapGlyphParams,
        produces: ['application/x-protobuf'],
      },
    },
    async (request, reply) => {
      requireUser(request);
      const bytes = map.glyphs(request.params.fontstack, request.params.range);
      return reply.type('application/x-protobuf').header('cache-control', CACHE).send(Buffer.from(bytes));
    },
  );
  app.get(
    '/api/map/terrain/:z/:x/:y.png',
    {
      schema: {
        tags: ['map'],
        summary: 'Terrarium-encoded raster-dem tile from the elevation model (DEM_PATH)',
        params: mapTerrainParams,
        produces: ['image/png'],
      },
    },
    async (request, reply) => {
      requireUser(request);
      const { z, x, y } = request.params;
      const bytes = map.terrain(z, x, y);
      return reply.type('image/png').header('cache-control', CACHE).send(Buffer.from(bytes));
    },
  );
}
