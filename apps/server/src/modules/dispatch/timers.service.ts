import { incidentTimers, type Timers, type TimerWarning } from '@ronghui/dispatch';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Principal } from '../../platform/auth/principal.ts';
import type { EventBus } from '../../platform/bus/bus.ts';
import { enqueue } from '../../platform/bus/outbox.ts';
import type { Clock } from '../../platform/clock.ts';
import { startSweepLoop } from '../../platform/sweep.ts';
import type { DB } from '../../platform/db/schema.ts';
import {
  appendTimelineEntry,
  type IncidentsService,
  incidentAudience,
  timelineEntriesOfKind,
} from '../incidents/index.ts';
import { onSceneArrivals } from '../units/index.ts';
import type { DispatchRepo } from './dispatch.repo.ts';
import type { IncidentClocksRepo } from '../incidents/index.ts';

const ms = (d: Date | string | null) => (d ? new Date(d).getTime() : null);

/** The timers of one incident, as the service hands them to the presenter. */
export interface IncidentTimerRecord {
  incidentId: string;
  number: string;
  targetSeconds: number;
  zone: string;
  timers: Timers;
}

/** Timers per incident and unit, and the watcher that pushes late-dispatch and late-arrival warnings live. */
export function createTimersService(deps: {
  db: Kysely<DB>;
  repo: DispatchRepo;
  clocks: IncidentClocksRepo;
  incidents: IncidentsService;
  bus: EventBus;
  clock: Clock;
}) {
  const { db, repo, clocks, incidents, bus, clock } = deps;

  async function unitsOf(tenantCode: string, incidentId: string) {
    const assigned = await repo.assignments(db, tenantCode, incidentId);
    if (!assigned.length) return [];
    const arrivals = await onSceneArrivals(db, tenantCode, incidentId);
    return assigned.map((a) => {
      const dispatchedAt = new Date(a.dispatched_at).getTime();
      const arrived = arrivals
        .filter((r) => r.unitId === a.unit_id && r.at.getTime() >= dispatchedAt)
        .map((r) => r.at.getTime());
      return {
        unitId: a.unit_id,
        dispatchedAt,
        onSceneAt: arrived.length ? Math.min(...arrived) : null,
        etaS: a.eta_s,
      };
    });
  }

  return {
    async timers(principal: Principal, incidentId: string): Promise<IncidentTimerRecord> {
      const i = await incidents.get(principal, incidentId);
      const timers = incidentTimers(
        {
          receivedAt: ms(i.times.received)!,
          dispatchedAt: ms(i.times.dispatched),
          acknowledgedAt: ms(i.times.acknowledged),
          onSceneAt: ms(i.times.onScene),
          resolvedAt: ms(i.times.resolved),
          targetS: i.targetSeconds,
          units: await unitsOf(principal.tenantCode, incidentId),
        },
        clock.now().getTime(),
      );
      return { incidentId, number: i.number, targetSeconds: i.targetSeconds, zone: i.zone, timers };
    },

    /** Emits each warning once per incident (remembered in the incident's timeline). Returns how many it sent. */
    async sweep(tenantCode: string): Promise<number> {
      const now = clock.now();
      const open = await clocks.open(db, tenantCode, new Date(now.getTime() - 24 * 3_600_000));
      if (!open.length) return 0;
      const sent = await timelineEntriesOfKind(
        db,
        tenantCode,
        'timer-warning',
        open.map((o) => o.id),
      );
      const already = new Set(
        sent.map((e) => `${e.incidentId}/${(e.detail as { warning?: string }).warning}`),
      );
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
            await appendTimelineEntry(trx, {
              tenantCode,
              incidentId: o.id,
              kind: 'timer-warning',
              actorId: null,
              actor: 'timer',
              detail: { warning, sinceReceivedSeconds: t.sinceReceivedS },
              at: now,
            });
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
              await incidentAudience(trx, tenantCode, o.id),
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
      return startSweepLoop({
        sweep: (t) => this.sweep(t),
        tenants,
        log,
        failure: 'timer sweep failed',
        everyMs,
      });
    },
  };
}
export type TimersService = ReturnType<typeof createTimersService>;
