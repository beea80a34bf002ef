import type { StatsSummary } from '@ronghui/contracts';
import { clearanceRate, instants, yearPeriod, yoyChange } from '@ronghui/scorecard';
import { requireRole } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { READ_ACCESS } from '../../platform/auth/read-access.ts';
import { type StatsDeps, stationScope } from './stats-common.ts';
import { createStatsReports } from './stats-reports.ts';
import { createStatsSurveys } from './stats-surveys.ts';
import { createStatsFigures } from './stats.service.ts';

/** The scorecard module: figures, surveys, reports and the leadership summary. */
export function createStatsModule(deps: StatsDeps) {
  const figures = createStatsFigures(deps);
  const surveys = createStatsSurveys(deps);
  const reports = createStatsReports(deps, figures);

  async function summary(principal: Principal, year: number): Promise<StatsSummary> {
    requireRole(principal, READ_ACCESS.stats, 'Reading the scorecard');
    const tenant = principal.tenantCode;
    const dir = await deps.orgs.directory(tenant);
    const scope = stationScope(principal, dir);
    const period = yearPeriod(year);
    const lastPeriod = yearPeriod(year - 1);
    const yoy = await Promise.all(
      (['theft', 'criminal', 'public-order'] as const).map(async (category) => {
        const [count, lastYear] = await Promise.all([
          figures.countIncidents(tenant, instants(period), category, scope),
          figures.countIncidents(tenant, instants(lastPeriod), category, scope),
        ]);
        return { category, count, lastYear, change: yoyChange(count, lastYear) };
      }),
    );
    const cl = await figures.clearanceCounts(tenant, instants(period), 'traditional', scope);
    const today = figures.today();
    // The current year up to today; a year to come has nothing yet.
    let to = today;
    if (period.to < today) to = period.to;
    else if (today < period.from) to = period.from;
    return {
      year,
      yoy,
      clearance: { filed: cl.filed, solved: cl.solved, rate: clearanceRate(cl.solved, cl.filed) },
      indicators: await figures.computeIndicators(tenant, period.from, to, scope),
      survey: scope ? null : await surveys.latest(tenant),
    };
  }

  return { figures, surveys, reports, summary };
}

export type StatsModule = ReturnType<typeof createStatsModule>;
