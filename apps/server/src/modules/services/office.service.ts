import type { serviceDeadline } from '@ronghui/contracts';
import { addWorkingDays, isProvisional, localDate } from '@ronghui/services';
import type { z } from 'zod';
import { enqueue } from '../../platform/bus/outbox.ts';
import { createCaseOffice } from './office-cases.ts';
import { OPEN_CASE, type ServiceOfficeDeps } from './office-common.ts';
import { createHomeVisitOffice } from './office-home-visits.ts';
import { createRatingOffice } from './office-ratings.ts';
import { createStatsOffice } from './office-stats.ts';

export type { ServiceOfficeDeps } from './office-common.ts';

/**
 * The hall's back office: cases (办件) with working-day deadlines and their warning, the public progress
 * check, 好差评 ratings and the follow-ups bad reviews open, home service (上门办证), statistics.
 */
export function createServiceOfficeService(deps: ServiceOfficeDeps) {
  const { db, orgs, audit, clock } = deps;
  const cases = createCaseOffice(deps);
  const ratings = createRatingOffice(deps);
  const homeVisits = createHomeVisitOffice(deps, cases);
  const stats = createStatsOffice(deps);

  /**
   * Warns once of every open case whose warning day (one working day before its deadline) has come.
   * Answers how many were warned and how many follow-ups are past their rectify-by day.
   */
  async function sweep(
    tenantCode: string,
    now = clock.now(),
  ): Promise<{ warned: number; overdueFollowUps: number }> {
    const day = localDate(now);
    const due = await db
      .selectFrom('service_cases as c')
      .innerJoin('service_halls as h', (j) =>
        j.onRef('h.tenant_code', '=', 'c.tenant_code').onRef('h.id', '=', 'c.hall_id'),
      )
      .select(['c.id', 'c.number', 'c.hall_id', 'c.deadline', 'h.org_id'])
      .where('c.tenant_code', '=', tenantCode)
      .where('c.status', 'in', [...OPEN_CASE])
      .where('c.warned_at', 'is', null)
      .where('c.warn_on', '<=', day)
      .execute();
    let warned = 0;
    if (due.length) {
      const dir = await orgs.directory(tenantCode);
      for (const c of due)
        await db.transaction().execute(async (trx) => {
          const n = await trx
            .updateTable('service_cases')
            .set({ warned_at: now })
            .where('id', '=', c.id)
            .where('warned_at', 'is', null)
            .executeTakeFirst();
          if (Number(n.numUpdatedRows) === 0) return;
          await audit.write(
            trx,
            { tenantCode, userId: 'system', username: 'service-timer' },
            {
              action: 'service.case.due-soon',
              resource: 'service-case',
              resourceId: c.id,
              detail: { number: c.number, deadline: c.deadline },
            },
          );
          await enqueue(
            trx,
            tenantCode,
            'services.case.changed',
            { caseId: c.id, hallId: c.hall_id, change: 'due-soon' },
            dir.pathOf(c.org_id),
          );
          warned++;
        });
    }
    if (warned) deps.bus.kick();
    const overdue = await db
      .selectFrom('service_followups')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_code', '=', tenantCode)
      .where('status', '!=', 'closed')
      .where('rectify_by', '<', day)
      .executeTakeFirstOrThrow();
    return { warned, overdueFollowUps: Number(overdue.n) };
  }

  return {
    createCase: cases.create,
    listCases: cases.list,
    getCase: cases.get,
    stepCase: cases.step,
    revealCase: cases.reveal,
    progress: cases.progress,
    rate: ratings.rate,
    listFollowUps: ratings.listFollowUps,
    stepFollowUp: ratings.stepFollowUp,
    createHomeVisit: homeVisits.create,
    listHomeVisits: homeVisits.list,
    stepHomeVisit: homeVisits.step,
    stats: stats.stats,
    sweep,

    /** The date `workingDays` working days after `from` on the official calendar. */
    deadline(from: string, workingDays: number): z.infer<typeof serviceDeadline> {
      const date = addWorkingDays(from, workingDays);
      return { date, provisional: isProvisional(from) || isProvisional(date) };
    },
  };
}
export type ServiceOfficeService = ReturnType<typeof createServiceOfficeService>;
