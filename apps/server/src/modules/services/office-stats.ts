import type { ServiceStats } from '@ronghui/contracts';
import { addDays, instantAt, percentile, rate } from '@ronghui/services';
import { sql } from 'kysely';
import { requireRole } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { READ_ACCESS } from '../../platform/auth/read-access.ts';
import { invalid } from '../../platform/http/errors.ts';
import { hallsInScope, type ServiceOfficeDeps, today } from './office-common.ts';

export interface StatsQuery {
  year?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  hallId?: string | undefined;
}

type StatRow = ServiceStats['byHall'][number];

interface Acc {
  visits: number;
  cases: number;
  completed: number;
  onTime: number;
  ratings: number;
  satisfied: number;
  waits: number[];
}
const emptyAcc = (): Acc => ({
  visits: 0,
  cases: 0,
  completed: 0,
  onTime: 0,
  ratings: 0,
  satisfied: 0,
  waits: [],
});

function statRow(key: string, name: string, a: Acc): StatRow {
  return {
    key,
    name,
    visits: a.visits,
    cases: a.cases,
    onTimeRate: rate(a.onTime, a.completed),
    satisfactionRate: rate(a.satisfied, a.ratings),
    waitP50Seconds: percentile(a.waits, 50),
    waitP90Seconds: percentile(a.waits, 90),
  };
}

/** 一窗通办 statistics: counted by SQL over the rows of the period (Beijing dates), rates and percentiles here. */
export function createStatsOffice(deps: ServiceOfficeDeps) {
  const { db, orgs, clock } = deps;

  return {
    async stats(principal: Principal, q: StatsQuery): Promise<ServiceStats> {
      requireRole(principal, READ_ACCESS.service, 'Reading service statistics');
      const now = today(clock);
      const from = q.from ?? (q.year ? `${q.year}-01-01` : `${now.slice(0, 4)}-01-01`);
      const to = q.to ?? (q.year ? `${q.year}-12-31` : now);
      if (to < from) throw invalid('/to', 'must not be before from');
      const start = instantAt(from, '00:00');
      const end = instantAt(addDays(to, 1), '00:00');
      const dir = await orgs.directory(principal.tenantCode);
      const halls = (await hallsInScope(db, principal, dir)).filter((h) => !q.hallId || h.id === q.hallId);
      const tenant = principal.tenantCode;
      const hallIds = halls.map((h) => h.id);
      // No hall in scope: '' is never a hall id, so every count is 0.
      const inHalls = hallIds.length ? hallIds : [''];

      const [tickets, cases, ratings, followUps, appointments] = await Promise.all([
        db
          .selectFrom('service_tickets')
          .select([
            'hall_id',
            'clerk_id',
            'item_codes',
            'demo',
            sql<number>`extract(epoch from (called_at - issued_at))`.as('wait'),
            sql<number>`extract(epoch from (finished_at - started_at))`.as('service'),
          ])
          .where('tenant_code', '=', tenant)
          .where('hall_id', 'in', inHalls)
          .where('status', '=', 'done')
          .where('issued_at', '>=', start)
          .where('issued_at', '<', end)
          .execute(),
        db
          .selectFrom('service_cases')
          .select(['hall_id', 'item_code', 'clerk_id', 'demo'])
          .select((eb) => [
            eb.fn.countAll<number>().as('n'),
            sql<number>`count(*) filter (where completed_at is not null)`.as('completed'),
            sql<number>`count(*) filter (where completed_at is not null and on_time)`.as('on_time'),
          ])
          .where('tenant_code', '=', tenant)
          .where('hall_id', 'in', inHalls)
          .where('accepted_at', '>=', start)
          .where('accepted_at', '<', end)
          .groupBy(['hall_id', 'item_code', 'clerk_id', 'demo'])
          .execute(),
        db
          .selectFrom('service_ratings as r')
          .leftJoin('service_cases as c', 'c.id', 'r.case_id')
          .leftJoin('service_tickets as t', 't.id', 'r.ticket_id')
          .select(['r.hall_id', 'r.clerk_id', 'c.item_code', 't.item_codes'])
          .select((eb) => [
            eb.fn.countAll<number>().as('n'),
            sql<number>`count(*) filter (where r.level >= 4)`.as('satisfied'),
            sql<number>`count(*) filter (where r.level <= 2)`.as('bad'),
          ])
          .where('r.tenant_code', '=', tenant)
          .where('r.hall_id', 'in', inHalls)
          .where('r.at', '>=', start)
          .where('r.at', '<', end)
          .groupBy(['r.hall_id', 'r.clerk_id', 'c.item_code', 't.item_codes'])
          .execute(),
        db
          .selectFrom('service_followups')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('tenant_code', '=', tenant)
          .where('hall_id', 'in', inHalls)
          .where('status', '=', 'closed')
          .where('closed_at', '>=', start)
          .where('closed_at', '<', end)
          .executeTakeFirstOrThrow(),
        db
          .selectFrom('service_appointments')
          .select((eb) => [
            eb.fn.countAll<number>().as('n'),
            sql<number>`count(*) filter (where status = 'no-show')`.as('no_shows'),
          ])
          .where('tenant_code', '=', tenant)
          .where('hall_id', 'in', inHalls)
          .where('status', 'in', ['booked', 'checked-in', 'completed', 'no-show'])
          .where('slot_start', '>=', start)
          .where('slot_start', '<', end)
          .executeTakeFirstOrThrow(),
      ]);

      const byHall = new Map<string, Acc>();
      const byItem = new Map<string, Acc>();
      const byClerk = new Map<string, Acc>();
      const acc = (m: Map<string, Acc>, k: string) => {
        let a = m.get(k);
        if (!a) {
          a = emptyAcc();
          m.set(k, a);
        }
        return a;
      };
      const total = emptyAcc();
      const services: number[] = [];
      let badReviews = 0;
      let demo = false;
      for (const t of tickets) {
        const wait = t.wait == null ? null : Number(t.wait);
        const targets = [
          total,
          acc(byHall, t.hall_id),
          ...(t.item_codes as string[]).map((c) => acc(byItem, c)),
        ];
        if (t.clerk_id) targets.push(acc(byClerk, t.clerk_id));
        for (const a of targets) {
          a.visits++;
          if (wait !== null) a.waits.push(wait);
        }
        if (t.service != null) services.push(Number(t.service));
        demo ||= t.demo;
      }
      for (const c of cases) {
        const targets = [total, acc(byHall, c.hall_id), acc(byItem, c.item_code)];
        if (c.clerk_id) targets.push(acc(byClerk, c.clerk_id));
        for (const a of targets) {
          a.cases += Number(c.n);
          a.completed += Number(c.completed);
          a.onTime += Number(c.on_time);
        }
        demo ||= c.demo;
      }
      for (const r of ratings) {
        const items = r.item_code ? [r.item_code] : ((r.item_codes as string[] | null) ?? []);
        const targets = [total, acc(byHall, r.hall_id), ...items.map((c) => acc(byItem, c))];
        if (r.clerk_id) targets.push(acc(byClerk, r.clerk_id));
        for (const a of targets) {
          a.ratings += Number(r.n);
          a.satisfied += Number(r.satisfied);
        }
        badReviews += Number(r.bad);
      }

      const itemNames = new Map(
        (
          await db
            .selectFrom('service_items')
            .select(['code', 'name'])
            .where('tenant_code', '=', tenant)
            .execute()
        ).map((i) => [i.code, i.name]),
      );
      const clerkIds = [...byClerk.keys()];
      const clerkNames = new Map(
        clerkIds.length
          ? (
              await db
                .selectFrom('users')
                .select(['id', 'display_name'])
                .where('tenant_code', '=', tenant)
                .where('id', 'in', clerkIds)
                .execute()
            ).map((u) => [u.id, u.display_name])
          : [],
      );
      const rows = (m: Map<string, Acc>, name: (k: string) => string) =>
        [...m.entries()]
          .map(([k, a]) => statRow(k, name(k), a))
          .sort((a, b) => b.visits - a.visits || b.cases - a.cases || a.key.localeCompare(b.key));

      return {
        from,
        to,
        visits: total.visits,
        cases: total.cases,
        completed: total.completed,
        onTimeRate: rate(total.onTime, total.completed),
        satisfactionRate: rate(total.satisfied, total.ratings),
        ratings: total.ratings,
        badReviews,
        followUpsClosed: Number(followUps.n),
        appointments: Number(appointments.n),
        noShows: Number(appointments.no_shows),
        waitP50Seconds: percentile(total.waits, 50),
        waitP90Seconds: percentile(total.waits, 90),
        serviceP50Seconds: percentile(services, 50),
        serviceP90Seconds: percentile(services, 90),
        byHall: rows(byHall, (k) => halls.find((h) => h.id === k)?.name ?? k),
        byItem: rows(byItem, (k) => itemNames.get(k) ?? k),
        byClerk: rows(byClerk, (k) => clerkNames.get(k) ?? k),
        demo,
      };
    },
  };
}
