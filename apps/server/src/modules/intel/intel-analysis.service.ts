import { CHINA_OFFSET_MS } from '@ronghui/geo';
import {
  aoristicHeat,
  type CrimeRecord,
  DAY_MS,
  knoxTest,
  createRng,
  midTime,
  trendByArea,
} from '@ronghui/intel';
import type {
  IntelHeat,
  IntelHeatQuery,
  IntelHotspots,
  IntelHotspotsQuery,
  IntelNearRepeat,
  IntelNearRepeatQuery,
  IntelTrend,
  IntelTrendQuery,
} from '@ronghui/contracts';
import type { Principal } from '../../platform/auth/principal.ts';
import { invalid } from '../../platform/http/errors.ts';
import { computeHotspots, type HotspotParams } from './hotspot-cells.ts';
import type { IntelScope } from './intel-scope.ts';
import type { CrimeRow } from './intel.repo.ts';

interface ScopeQuery {
  area?: string | undefined;
  category?: string | undefined;
}

/** Dates of a query as ISO strings, for the `source.query` echo of an answer. */
const isoQuery = <Q extends { from?: Date | undefined; to?: Date | undefined }>(q: Q) => ({
  ...q,
  from: q.from?.toISOString(),
  to: q.to?.toISOString(),
});

/** Knox pairs grow with n²: above this many crimes the analyst narrows the time or area first. */
export const KNOX_MAX_EVENTS = 4000;

const latest = (records: readonly CrimeRow[]) =>
  records.reduce((m, r) => Math.max(m, r.occurred_to.getTime()), 0);

/** Trend, hotspots, near repeat and time patterns over the records the principal may see. */
export function createIntelAnalysisService(deps: { scope: IntelScope }) {
  const { scope } = deps;

  async function load(principal: Principal, q: ScopeQuery & { from?: Date; to?: Date }) {
    scope.read(principal, 'Crime analysis');
    const stored = await scope.load(principal, {
      orgId: q.area,
      category: q.category,
      from: q.from,
      to: q.to,
    });
    const context = await scope.context(principal.tenantCode);
    return { stored, records: stored.map(context.toRecord), context };
  }

  return {
    async trend(principal: Principal, q: IntelTrendQuery): Promise<IntelTrend> {
      const { stored } = await load(principal, q);
      const endMs = q.end?.getTime() ?? Math.ceil(latest(stored) / DAY_MS) * DAY_MS;
      const keyOf = (c: CrimeRow) =>
        (q.by === 'area' ? c.area_id : q.by === 'grid' ? c.grid_id : c.station_id) ?? '(none)';
      const areas = trendByArea(
        stored,
        (c) => (c.occurred_from.getTime() + c.occurred_to.getTime()) / 2,
        keyOf,
        {
          endMs,
          windowMs: q.windowDays * DAY_MS,
          baselineWindows: q.baseline,
          test: q.test,
          alpha: q.alpha,
        },
      );
      const named = await Promise.all(
        areas.map(async (a) => ({
          ...a,
          ratio: Number.isFinite(a.ratio) ? a.ratio : null,
          name: await scope.orgName(principal.tenantCode, a.area),
        })),
      );
      named.sort((a, b) => a.p - b.p);
      return {
        test: q.test,
        testName: q.test === 'conditional-binomial' ? '条件二项检验' : '泊松精确检验',
        alpha: q.alpha,
        windowDays: q.windowDays,
        baselineWindows: q.baseline,
        end: new Date(endMs).toISOString(),
        by: q.by,
        areas: named,
        source: { query: { ...q, end: new Date(endMs).toISOString() }, records: stored.length },
      };
    },

    async hotspots(principal: Principal, q: IntelHotspotsQuery): Promise<IntelHotspots> {
      const { stored, records, context } = await load(principal, { area: q.area, category: q.category });
      const dataEnd = latest(stored);
      const to = q.to?.getTime() ?? Math.ceil(dataEnd / DAY_MS) * DAY_MS - q.forecastDays * DAY_MS;
      const from = q.from?.getTime() ?? to - 365 * DAY_MS;
      if (from >= to) throw invalid('/from', 'from must be before to');
      const params: HotspotParams = {
        method: q.method,
        cellMeters: q.cellMeters,
        from,
        to,
        forecastDays: q.forecastDays,
        areaShare: q.areaShare,
        bandwidthMeters: q.bandwidthMeters,
      };
      const result = computeHotspots(records, context.projection, params);
      return {
        ...result,
        source: {
          query: { ...q, from: new Date(from).toISOString(), to: new Date(to).toISOString() },
          recordIds: result.train.recordIds,
        },
      };
    },

    async nearRepeat(principal: Principal, q: IntelNearRepeatQuery): Promise<IntelNearRepeat> {
      const { records } = await load(principal, q);
      if (records.length > KNOX_MAX_EVENTS)
        throw invalid(
          '/from',
          `${records.length} crimes selected; narrow the period or area to at most ${KNOX_MAX_EVENTS}`,
        );
      let r: ReturnType<typeof knoxTest>;
      try {
        r = knoxTest(
          records.map((c: CrimeRecord) => ({ x: c.x, y: c.y, day: midTime(c) / DAY_MS })),
          {
            spaceBands: q.spaceBandsMeters,
            timeBands: q.timeBandsDays,
            metric: q.metric,
            iterations: q.iterations,
            rng: createRng(q.seed),
          },
        );
      } catch (error) {
        if (error instanceof RangeError) throw invalid('/spaceBandsMeters', error.message);
        throw error;
      }
      const clean = (t: number[][]) => t.map((row) => row.map((v) => (Number.isFinite(v) ? v : null)));
      return {
        events: r.events,
        metric: q.metric,
        iterations: r.iterations,
        seed: q.seed,
        spaceLabels: [...r.spaceLabels],
        timeLabels: [...r.timeLabels],
        observed: r.observed,
        expected: r.expected,
        ratio: clean(r.ratio),
        p: r.p,
        source: { query: isoQuery(q), recordIds: records.map((c) => c.id) },
      };
    },

    async heat(principal: Principal, q: IntelHeatQuery): Promise<IntelHeat> {
      const { records } = await load(principal, q);
      const table = aoristicHeat(records, CHINA_OFFSET_MS)[0];
      return {
        utcOffsetHours: 8,
        rows: '周一…周日',
        cells: table?.cells ?? Array.from({ length: 7 }, () => new Array<number>(24).fill(0)),
        total: table?.total ?? 0,
        source: { query: isoQuery(q), recordIds: records.map((c) => c.id) },
      };
    },
  };
}
export type IntelAnalysisService = ReturnType<typeof createIntelAnalysisService>;
