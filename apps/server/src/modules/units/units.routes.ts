import { UNIT_STATUSES } from '@ronghui/dispatch';
import { z } from 'zod';
import { canReach, requireRole, requireUser } from '../../platform/auth/guard.ts';
import type { App } from '../../platform/http/app-types.ts';
import type { OrgsService } from '../orgs/index.ts';
import type { AvlService } from './avl.service.ts';
import type { UnitsService } from './units.service.ts';

const unitId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits, . _ : -');
const idParams = z.object({ id: unitId }).strict();

export const avlFix = z
  .object({
    unitId,
    lon: z.number(),
    lat: z.number(),
    at: z.union([z.iso.datetime({ offset: true }), z.number().int().positive()]).optional(),
    speedKmh: z.number().min(0).max(400).optional(),
    heading: z.number().min(0).max(360).optional(),
  })
  .strict();
export type AvlFixInput = z.infer<typeof avlFix>;

const avlBody = z.object({ positions: z.array(avlFix).min(1).max(5_000) }).strict();

export function registerUnitsRoutes(
  app: App,
  deps: { units: UnitsService; avl: AvlService; orgs: OrgsService },
) {
  const { units, avl, orgs } = deps;
  app.get(
    '/api/units',
    {
      schema: {
        tags: ['units'],
        querystring: z
          .object({ station: z.string().max(64).optional(), status: z.enum(UNIT_STATUSES).optional() })
          .strict(),
      },
    },
    async (request) => units.list(requireUser(request), request.query),
  );
  app.get('/api/units/:id', { schema: { tags: ['units'], params: idParams } }, async (request) =>
    units.get(requireUser(request), request.params.id),
  );
  app.post(
    '/api/units/:id/status',
    {
      schema: {
        tags: ['units'],
        params: idParams,
        body: z
          .object({
            status: z.enum(UNIT_STATUSES),
            incidentId: z.string().min(1).max(64).nullable().optional(),
            note: z.string().max(500).optional(),
          })
          .strict(),
      },
    },
    async (request) => units.setStatus(requireUser(request), request.params.id, request.body),
  );
  app.post(
    '/api/avl',
    {
      schema: {
        tags: ['units'],
        summary: 'Batch of AVL (GPS) positions; each fix accepted or rejected with a reason',
        body: avlBody,
      },
    },
    async (request, reply) => {
      const principal = requireUser(request);
      requireRole(principal, ['dispatcher', 'commander', 'officer', 'auxiliary'], 'Reporting positions');
      const dir = await orgs.directory(principal.tenantCode);
      const result = await avl.ingest(
        principal.tenantCode,
        principal,
        request.body.positions,
        'http',
        (stationId) => canReach(principal, dir.pathOf(stationId)),
      );
      // 202 when some fixes were refused: the rest are stored; the body names every refusal.
      return reply.status(result.rejected.length ? 202 : 200).send(result);
    },
  );
  app.get('/api/avl/rejections', { schema: { tags: ['units'] } }, async (request) => {
    const principal = requireUser(request);
    requireRole(principal, ['dispatcher', 'commander', 'system-admin'], 'Viewing AVL rejection counts');
    return avl.rejectionCounts(principal.tenantCode);
  });
}
