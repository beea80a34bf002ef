import { type GroupMetrics, responseMetrics } from '@ronghui/dispatch';
import type { DispatchMetricsQuery } from '@ronghui/contracts';
import type { Kysely } from 'kysely';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { requireRole } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import { invalid } from '../../platform/http/errors.ts';
import type { OrgsService } from '../orgs/index.ts';
import type { IncidentClocksRepo } from '../incidents/index.ts';

/** Response metrics of a period: overall (undefined without incidents), by joint area and by station. */
export interface MetricsRecord {
  from: Date;
  to: Date;
  overall: GroupMetrics | undefined;
  byArea: (GroupMetrics & { name: string })[];
  byStation: (GroupMetrics & { name: string })[];
}

/** Call-to-dispatch, dispatch-to-arrival and arrival-target compliance, by joint area and by station. */
export function createDispatchMetrics(deps: {
  db: Kysely<DB>;
  clocks: IncidentClocksRepo;
  orgs: OrgsService;
  audit: AuditService;
  clock: Clock;
}) {
  return async (principal: Principal, q: DispatchMetricsQuery): Promise<MetricsRecord> => {
    requireRole(principal, ['dispatcher', 'commander', 'leader', 'officer'], 'Reading dispatch metrics');
    const to = q.to ? new Date(q.to) : deps.clock.now();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 7 * 86_400_000);
    if (from >= to) throw invalid('/from', 'must be earlier than to');
    const dir = await deps.orgs.directory(principal.tenantCode);
    let areaId: string | undefined;
    if (q.area) {
      const area = dir.ofKind('area').find((a) => a.id === q.area || a.areaKey === q.area);
      if (!area) throw invalid('/area', `no joint-service area "${q.area}"`);
      areaId = area.id;
    }
    const rows = await deps.clocks.received(deps.db, principal.tenantCode, {
      from,
      to,
      areaId,
      orgIds: principal.scopeKind === 'tenant' ? undefined : dir.subtreeIds(principal.orgId),
    });
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
    return {
      from,
      to,
      overall: all,
      byArea: byArea.map((m) => ({ ...m, name: name(m.key === 'none' ? null : m.key) })),
      byStation: byStation.map((m) => ({ ...m, name: name(m.key === 'none' ? null : m.key) })),
    };
  };
}
export type DispatchMetricsService = ReturnType<typeof createDispatchMetrics>;
