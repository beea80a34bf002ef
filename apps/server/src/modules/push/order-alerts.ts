import type { PushMessage } from '@ronghui/contracts';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { systemPrincipal } from '../../platform/auth/principal.ts';
import type { EventEnvelope } from '../../platform/bus/events.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { IncidentsService } from '../incidents/index.ts';
import type { OrgsService } from '../orgs/index.ts';
import type { UnitsRepo } from '../units/index.ts';
import type { PushService } from './push.service.ts';

/**
 * Orders wake the people who carry them out: a station's request for units reaches the phones of that
 * station's officers and auxiliaries, and units sent to an incident reach their stations' crews. The push
 * names the incident, its priority and place and what was asked; the order itself is answered in Ronghui.
 */
export function createOrderAlerts(deps: {
  db: Kysely<DB>;
  push: PushService;
  incidents: IncidentsService;
  units: UnitsRepo;
  orgs: OrgsService;
  clock: Clock;
  log: Logger;
}) {
  const { db, push, incidents, units, orgs, clock, log } = deps;
  const pending = new Set<Promise<void>>();

  async function incidentSummary(tenantCode: string, incidentId: string) {
    const root = (await orgs.directory(tenantCode)).root();
    // The alert is composed as the county command centre sees the incident (caller masked).
    const reader = {
      ...systemPrincipal(tenantCode, root?.id ?? tenantCode, 'push'),
      roles: ['dispatcher' as const],
    };
    const incident = await incidents.get(reader, incidentId);
    const place =
      incident.location.address ?? incident.location.village?.name ?? incident.location.township?.name ?? '';
    return { incident, place };
  }

  /** The push for one event, and whom it goes to; undefined when the event is no order. */
  async function alertFor(
    event: EventEnvelope,
  ): Promise<{ userIds: string[]; message: PushMessage } | undefined> {
    const at = clock.now().toISOString();
    if (event.topic === 'request.changed') {
      const r = event.payload as EventEnvelope<'request.changed'>['payload'];
      if (r.status !== 'requested') return undefined;
      const { incident, place } = await incidentSummary(event.tenantCode, r.incidentId);
      return {
        userIds: await push.crewsOf(event.tenantCode, [r.stationId]),
        message: {
          kind: 'order',
          title: `派警请求 · ${incident.priorityName} · ${incident.category.zh}`,
          body: `${place}：请派 ${r.quantity} 人（${incident.number}）`,
          url: `/m/orders/${incident.id}`,
          tag: `request-${r.requestId}`,
          incidentId: incident.id,
          at,
        },
      };
    }
    if (event.topic === 'incident.units') {
      const d = event.payload as EventEnvelope<'incident.units'>['payload'];
      if (d.change !== 'dispatched') return undefined;
      const sent = (await Promise.all(d.unitIds.map((id) => units.get(db, event.tenantCode, id)))).filter(
        (u) => u !== undefined,
      );
      const { incident, place } = await incidentSummary(event.tenantCode, d.incidentId);
      return {
        userIds: await push.crewsOf(
          event.tenantCode,
          sent.map((u) => u.stationId),
        ),
        message: {
          kind: 'dispatch',
          title: `出警指令 · ${incident.priorityName} · ${incident.category.zh}`,
          body: `${sent.map((u) => u.callsign).join('、')} 前往 ${place}（${incident.number}）`,
          url: `/m/orders/${incident.id}`,
          tag: `dispatch-${incident.id}`,
          incidentId: incident.id,
          at,
        },
      };
    }
    return undefined;
  }

  return {
    /**
     * A bus handler. Handlers run inside the relay's transaction and the embedded database has one
     * connection, so the work starts in the background; it is awaited by `idle()` (tests, shutdown).
     */
    onEvent(event: EventEnvelope): void {
      if (event.topic !== 'request.changed' && event.topic !== 'incident.units') return;
      const job = (async () => {
        const alert = await alertFor(event);
        if (alert?.userIds.length) await push.notifyUsers(event.tenantCode, alert.userIds, alert.message);
      })().catch((error) => {
        log.warn({ err: (error as Error).message, topic: event.topic }, 'order push failed');
      });
      pending.add(job);
      void job.finally(() => pending.delete(job));
    },
    async idle(): Promise<void> {
      while (pending.size) await Promise.all([...pending]);
    },
  };
}
export type OrderAlerts = ReturnType<typeof createOrderAlerts>;
