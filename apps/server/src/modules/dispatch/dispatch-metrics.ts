import { responseMetrics } from '@ronghui/dispatch';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { requireRole, requireUser } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { App } from '../../platform/http/app-types.ts';
import { invalid } from '../../platform/http/errors.ts';
import type { OrgsService } from '../orgs/index.ts';

export const metricsQuery = z
  .object({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    area: z.string().max(64).optional(),
  })
  .strict();

/** Call-to-dispatch, dispatch-to-arrival and arrival-target compliance, by joint area and by station. */
export function createDispatchMetrics(deps: {
  db: Kysely<DB>;
  orgs: OrgsService;
  audit: AuditService;
  clock: Clock;
}) {
  return async (principal: Principal, q: z.infer<typeof metricsQuery>) => {
    requireRole(principal, ['dispatcher', 'commander', 'leader', 'officer'], 'Reading dispatch metrics');
    const to = q.to ? new Date(q.to) : deps.clock.now();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 7 * 86_400_000);
    if (from >= to) throw invalid('/from', 'must be earlier than to');
    const dir = await deps.orgs.directory(principal.tenantCode);
    let base = deps.db
      .selectFrom('incidents')
      .select(['area_id', 'station_id', 'received_at', 'dispatched_at', 'on_scene_at', 'target_seconds'])
      .where('tenant_code', '=', principal.tenantCode)
      .where('received_at', '>=', from)
      .where('received_at', '<', to)
      .where('status', '!=', 'merged');
    if (q.area) {
      const area = dir.ofKind('area').find((a) => a.id === q.area || a.areaKey === q.area);
      if (!area) throw invalid('/area', `no joint-service area "${q.area}"`);
      base = base.where('area_id', '=', area.id);
    }
    if (principal.scopeKind !== 'tenant') {
      const mine = dir.subtreeIds(principal.orgId);
      base = base.where((eb) => eb.or([eb('area_id', 'in', mine), eb('station_id', 'in', mine)]));
    }
    const rows = await base.execute();
    const times = (r: (typeof rows)[number], keys: string[]) => ({
      groupKeys: keys,
      receivedAt: new Date(r.received_at).getTime(),
      dispatchedAt: r.dispatched_at ? new Date(r.dispatched_at).getTime() : null,
      onSceneAt: r.on_scene_at ? new Date(r.on_scene_at).getTime() : null,
      targetS: r.target_seconds,
    });
    const name = (id: string | null) => (id ? (dir.get(id)?.name ?? id) : '未定位');
    const [all] = responseMetrics(rows.map((r) => times(r, ['all'])));
    const byArea = responseMetrics(rows.map((r) => times(r, [r.area_id ?? 'none'])));
    const byStation = responseMetrics(rows.map((r) => times(r, [r.station_id ?? 'none'])));
    await deps.audit.record(principal, {
      action: 'dispatch.metrics',
      resource: 'incident',
      detail: { from: from.toISOString(), to: to.toISOString(), area: q.area ?? null },
    });
    const empty = { key: 'all', incidents: 0, arrived: 0, withinTarget: 0, targetCompliance: null };
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      overall: all ?? empty,
      byArea: byArea.map((m) => ({ ...m, name: name(m.key === 'none' ? null : m.key) })),
      byStation: byStation.map((m) => ({ ...m, name: name(m.key === 'none' ? null : m.key) })),
    };
  };
}

export function registerDispatchMetricsRoute(app: App, metrics: ReturnType<typeof createDispatchMetrics>) {
  app.get(
    '/api/dispatch/metrics',
    {
      schema: {
        tags: ['dispatch'],
        summary: 'Response-time metrics by area and station for a period',
        querystring: metricsQuery,
      },
    },
    async (request) => metrics(requireUser(request), request.query),
  );
}
