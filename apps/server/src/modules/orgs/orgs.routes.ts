import { z } from 'zod';
import { requireUser } from '../../platform/auth/guard.ts';
import type { App } from '../../platform/http/app-types.ts';
import { ORG_KINDS, type OrgKind } from './org.ts';
import type { OrgsService } from './orgs.service.ts';

const kindsQuery = z
  .object({
    kinds: z
      .string()
      .optional()
      .refine((v) => !v || v.split(',').every((k) => (ORG_KINDS as readonly string[]).includes(k)), {
        message: `comma-separated list of ${ORG_KINDS.join(', ')}`,
      }),
  })
  .strict();

export function registerOrgsRoutes(app: App, orgs: OrgsService) {
  app.get(
    '/api/orgs/tree',
    { schema: { tags: ['orgs'], summary: 'Organisation tree of the tenant' } },
    async (request) => orgs.tree(requireUser(request)),
  );
  app.get(
    '/api/orgs/geojson',
    {
      schema: {
        tags: ['orgs'],
        summary: 'Boundaries and positions of orgs (WGS-84 GeoJSON)',
        querystring: kindsQuery,
      },
    },
    async (request) =>
      orgs.geojson(requireUser(request), request.query.kinds?.split(',') as OrgKind[] | undefined),
  );
}
