import { incidentTimers, type TimerWarning } from '@ronghui/dispatch';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Principal } from '../../platform/auth/principal.ts';
import type { EventBus } from '../../platform/bus/bus.ts';
import { enqueue } from '../../platform/bus/outbox.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { IncidentsService } from '../incidents/index.ts';
import type { OrgsService } from '../orgs/orgs.service.ts';

const OPEN = ['received', 'answered', 'dispatched', 'acknowledged', 'en-route', 'on-scene'];
const ms = (d: Date | string | null) => (d ? new Date(d).getTime() : null);

/** Timers per incident and unit, and the watcher that pushes late-dispatch and late-arrival warnings live. */
export function createTimersService(deps: {
  db: Kysely<DB>;
  incidents: IncidentsService;
  orgs: OrgsService;
  bus: EventBus;
  clock: Clock;
}) {
  const { db, incidents, orgs, bus, clock } = deps;

  async function unitsOf(tenantCode: string, incidentId: string) {
    const assigned = await db
      .selectFrom('incident_units')
      .selectAll()
      .where('tenant_code', '=', tenantCode)
      .where('incident_id', '=', incidentId)
      .execute();
    if (!assigned.length) return [];
    const arrivals = await db
      .selectFrom('unit_status_history')
      .select(['unit_id', 'at'])
      .where('tenant_code', '=', tenantCode)
      .where('incident_id', '=', incidentId)
      .where('status', '=', 'on-scene')
      .execute();
    return assigned.map((a) => {
      const dispatchedAt = new Date(a.dispatched_at).getTime();
      const arrived = arrivals
        .filter((r) => r.unit_id === a.unit_id && new Date(r.at).getTime() >= dispatchedAt)
        .map((r) => new Date(r.at).getTime());
      return {
        unitId: a.unit_id,
        dispatchedAt,
        onSceneAt: arrived.length ? Math.min(...arrived) : null,
        etaS: a.eta_s,
      };
    });
  }

  return {
    async timers(principal: Principal, incidentId: string) {
      const i = await incidents.get(principal, incidentId);
      const t = incidentTimers(
        {
          receivedAt: ms(i.times.received)!,
          dispatchedAt: ms(i.times.dispatched),
          acknowledgedAt: ms(i.times.acknowledged),
          onSceneAt: ms(i.times['on-scene']),
          resolvedAt: ms(i.times.resolved),
          targetS: i.targetSeconds,
          units: await unitsOf(principal.tenantCode, incidentId),
        },
        clock.now().getTime(),
      );
      return { incidentId, number: i.number, targetSeconds: i.targetSeconds, zone: i.zone, ...t };
    },

    /** Emits each warning once per incident (remembered in the incident's timeline). Returns how many it sent. */
    async sweep(tenantCode: string): Promise<number> {
      const now = clock.now();
      const open = await db
        .selectFrom('incidents')
        .select([
          'id',
          'number',
          'received_at',
          'dispatched_at',
          'acknowledged_at',
          'on_scene_at',
          'resolved_at',
          'target_seconds',
          'station_id',
        ])
        .where('tenant_code', '=', tenantCode)
        .where('status', 'in', OPEN)
        .where('received_at', '>', new Date(now.getTime() - 24 * 3_600_000))
        .execute();
      if (!open.length) return 0;
      const sent = await db
        .selectFrom('incident_events')
        .select(['incident_id', 'detail'])
        .where('tenant_code', '=', tenantCode)
        .where('kind', '=', 'timer-warning')
        .where(
          'incident_id',
          'in',
          open.map((o) => o.id),
        )
        .execute();
      const already = new Set(
        sent.map((e) => `${e.incident_id}/${(e.detail as { warning?: string }).warning}`),
      );
      const dir = await orgs.directory(tenantCode);
      let count = 0;
      for (const o of open) {
        const t = incidentTimers(
          {
            receivedAt: ms(o.received_at)!,
            dispatchedAt: ms(o.dispatched_at),
            acknowledgedAt: ms(o.acknowledged_at),
            onSceneAt: ms(o.on_scene_at),
            resolvedAt: ms(o.resolved_at),
            targetS: o.target_seconds,
            units: [],
          },
          now.getTime(),
        );
        const fresh = t.warnings.filter((w: TimerWarning) => !already.has(`${o.id}/${w}`));
        if (!fresh.length) continue;
        await db.transaction().execute(async (trx) => {
          for (const warning of fresh) {
            await trx
              .insertInto('incident_events')
              .values({
                tenant_code: tenantCode,
                incident_id: o.id,
                at: now,
                actor_id: null,
                actor: 'timer',
                kind: 'timer-warning',
                detail: JSON.stringify({ warning, sinceReceivedS: t.sinceReceivedS }),
              })
              .execute();
            await enqueue(
              trx,
              tenantCode,
              'incident.timer',
              {
                incidentId: o.id,
                number: o.number,
                warning,
                sinceReceivedSeconds: t.sinceReceivedS,
                targetSeconds: o.target_seconds,
              },
              o.station_id ? dir.pathOf(o.station_id) : [],
            );
            count++;
          }
        });
      }
      if (count) bus.kick();
      return count;
    },

    /** Sweeps every `everyMs` for the given tenants until stopped. */
    watch(tenants: () => Promise<string[]>, log: Logger, everyMs = 5_000) {
      let busy = false;
      const timer = setInterval(() => {
        if (busy) return;
        busy = true;
        tenants()
          .then(async (list) => {
            for (const t of list) await this.sweep(t);
          })
          .catch((error: unknown) => log.warn({ err: error }, 'timer sweep failed'))
          .finally(() => {
            busy = false;
          });
      }, everyMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}
export type TimersService = ReturnType<typeof createTimersService>;
