import {
  avlBatchBody,
  avlBatchResult,
  avlRejectionCounts,
  myUnit,
  myUnitBody,
  unit,
  unitDetail,
  unitList,
  unitListQuery,
  unitParams,
  unitStatusBody,
} from '@ronghui/contracts';
import { canReach, requireRole, requireUser } from '../../platform/auth/guard.ts';
import type { App } from '../../platform/http/app-types.ts';
import type { OrgsService } from '../orgs/index.ts';
import type { AvlService } from './avl.service.ts';
import type { UnitsService } from './units.service.ts';

const tags = ['units'];

export function registerUnitsRoutes(
  app: App,
  deps: { units: UnitsService; avl: AvlService; orgs: OrgsService },
) {
  const { units, avl, orgs } = deps;
  app.get(
    '/api/units',
    { schema: { tags, querystring: unitListQuery, response: { 200: unitList } } },
    async (request) => {
      const items = await units.list(requireUser(request), request.query);
      return { items, total: items.length };
    },
  );
  app.get(
    '/api/units/mine',
    {
      schema: { tags, summary: 'The unit the caller works (上岗), if any', response: { 200: myUnit } },
    },
    async (request) => units.mine(requireUser(request)),
  );
  app.put(
    '/api/units/mine',
    {
      schema: {
        tags,
        summary: 'Sign on to a unit of your station (the phone app then reports its status and position)',
        body: myUnitBody,
        response: { 200: myUnit },
      },
    },
    async (request) => units.signOn(requireUser(request), request.body.unitId),
  );
  app.delete(
    '/api/units/mine',
    { schema: { tags, summary: 'Sign off the unit you work', response: { 200: myUnit } } },
    async (request) => units.signOff(requireUser(request)),
  );
  app.get(
    '/api/units/:id',
    { schema: { tags, params: unitParams, response: { 200: unitDetail } } },
    async (request) => units.get(requireUser(request), request.params.id),
  );
  app.post(
    '/api/units/:id/status',
    { schema: { tags, params: unitParams, body: unitStatusBody, response: { 200: unit } } },
    async (request) => units.setStatus(requireUser(request), request.params.id, request.body),
  );
  app.post(
    '/api/avl',
    {
      schema: {
        tags,
        summary: 'Batch of AVL (GPS) positions; each fix accepted or rejected with a reason',
        body: avlBatchBody,
        // 200 when every fix was stored, 202 when some were refused (the rest are stored).
        response: { 200: avlBatchResult, 202: avlBatchResult },
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
  app.get(
    '/api/avl/rejections',
    {
      schema: {
        tags,
        summary: 'Refused AVL fixes counted by reason',
        response: { 200: avlRejectionCounts },
      },
    },
    async (request) => {
      const principal = requireUser(request);
      requireRole(principal, ['dispatcher', 'commander', 'system-admin'], 'Viewing AVL rejection counts');
      return avl.rejectionCounts(principal.tenantCode);
    },
  );
}
