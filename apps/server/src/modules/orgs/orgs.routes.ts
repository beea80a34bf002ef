import { orgFeatureCollection, orgGeojsonQuery, orgTreeNode } from '@ronghui/contracts';
import { requireUser } from '../../platform/auth/guard.ts';
import type { App } from '../../platform/http/app-types.ts';
import type { OrgKind } from './org.ts';
import type { OrgsService } from './orgs.service.ts';

export function registerOrgsRoutes(app: App, orgs: OrgsService) {
  app.get(
    '/api/orgs/tree',
    {
      schema: { tags: ['orgs'], summary: 'Organisation tree of the tenant', response: { 200: orgTreeNode } },
    },
    async (request) => orgs.tree(requireUser(request)),
  );
  app.get(
    '/api/orgs/geojson',
    {
      schema: {
        tags: ['orgs'],
        summary: 'Boundaries and positions of orgs (WGS-84 GeoJSON)',
        querystring: orgGeojsonQuery,
        response: { 200: orgFeatureCollection },
      },
    },
    async (request) =>
      orgs.geojson(requireUser(request), request.query.kinds?.split(',') as OrgKind[] | undefined),
  );
}
