import type {
  IndicatorKey,
  StatsClearance,
  StatsClearanceBreakdown,
  StatsClearanceBreakdownQuery,
  StatsClearanceQuery,
  StatsDrill,
  StatsDrillItem,
  StatsDrillQuery,
  StatsIndicator,
  StatsIndicators,
  StatsRankings,
  StatsRankingsQuery,
  StatsYoy,
  StatsYoyBreakdown,
  StatsYoyBreakdownQuery,
  StatsYoyQuery,
} from '@ronghui/contracts';
import { INDICATOR_KEYS } from '@ronghui/contracts';
import { categoryByCode } from '@ronghui/dispatch';
import {
  beijingDate,
  clearanceRate,
  crimeCategoryName,
  customPeriod,
  incidentCategoryName,
  incidentSelector,
  instants,
  type Instants,
  rankRows,
  round4,
  samePeriodLastYear,
  share,
  yearPart,
  yearPeriod,
  yoyChange,
} from '@ronghui/scorecard';
import { sql } from 'kysely';
import { requireRole } from '../../platform/auth/guard.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { READ_ACCESS } from '../../platform/auth/read-access.ts';
import { invalid } from '../../platform/http/errors.ts';
import type { OrgDirectory } from '../orgs/index.ts';
import {
  type ClearanceGroupKey,
  crimeDrillItem,
  crimeWhere,
  filedAt,
  INDICATOR_META,
  incidentDrillItem,
  incidentWhere,
  isMissingRelation,
  num,
  type StatsDeps,
  stationFilter,
  stationScope,
} from './stats-common.ts';

const PAGE_MAX = 500;

/** 比降, clearance, indicators, rankings and drill-down: counted by SQL over the records, fractions here. */
export function createStatsFigures(deps: StatsDeps) {
  const { db, orgs, clock, audit } = deps;

  const read = (principal: Principal, what: string) => requireRole(principal, READ_ACCESS.stats, what);

  function selectorOf(category: string) {
    const selector = incidentSelector(category);
    if (!selector)
      throw invalid(
        '/category',
        `unknown category ${category}: criminal, public-order, theft, a category code or kind`,
      );
    return selector;
  }

  function yoyPeriods(q: { year: number; from?: string | undefined; to?: string | undefined }) {
    let current: ReturnType<typeof yearPart>;
    try {
      current = yearPart(q.year, q.from, q.to);
    } catch (e) {
      throw invalid('/to', (e as Error).message);
    }
    return { current: instants(current), last: instants(samePeriodLastYear(current)) };
  }

  async function countIncidents(
    tenant: string,
    range: Instants,
    category: string,
    stations: string[] | null,
  ): Promise<number> {
    const selector = selectorOf(category);
    const row = await db
      .selectFrom('incidents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => incidentWhere(eb, tenant, range, selector, stations))
      .executeTakeFirstOrThrow();
    return num(row.n);
  }

  async function yoy(principal: Principal, q: StatsYoyQuery): Promise<StatsYoy> {
    read(principal, 'Reading the scorecard');
    const dir = await orgs.directory(principal.tenantCode);
    const stations = stationFilter(stationScope(principal, dir), q.station);
    const { current, last } = yoyPeriods(q);
    const [count, lastYear] = await Promise.all([
      countIncidents(principal.tenantCode, current, q.category, stations),
      countIncidents(principal.tenantCode, last, q.category, stations),
    ]);
    return { year: q.year, category: q.category, count, lastYear, change: yoyChange(count, lastYear) };
  }

  async function townshipNames(tenant: string): Promise<Map<string, string>> {
    const rows = await db
      .selectFrom('divisions')
      .select(['code', 'name'])
      .where('tenant_code', '=', tenant)
      .where('level', '=', 'township')
      .execute();
    return new Map(rows.map((r) => [r.code, r.name]));
  }

  async function yoyBreakdown(principal: Principal, q: StatsYoyBreakdownQuery): Promise<StatsYoyBreakdown> {
    read(principal, 'Reading the scorecard');
    const tenant = principal.tenantCode;
    const dir = await orgs.directory(tenant);
    const stations = stationScope(principal, dir);
    const selector = selectorOf(q.category);
    const { current, last } = yoyPeriods(q);
    const column =
      q.by === 'station' ? 'station_id' : q.by === 'township' ? 'township_code' : ('category_code' as const);
    const grouped = async (range: Instants) =>
      new Map(
        (
          await db
            .selectFrom('incidents')
            .select([`incidents.${column} as key`])
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where((eb) => incidentWhere(eb, tenant, range, selector, stations))
            .groupBy(`incidents.${column}`)
            .execute()
        ).map((r) => [r.key ?? '', num(r.n)]),
      );
    const [now, before] = await Promise.all([grouped(current), grouped(last)]);
    const names = q.by === 'township' ? await townshipNames(tenant) : new Map<string, string>();
    const nameOf = (key: string) => {
      if (!key) return '未定位';
      if (q.by === 'station') return dir.get(key)?.name ?? key;
      if (q.by === 'township') return names.get(key) ?? key;
      return categoryByCode(key)?.zh ?? key;
    };
    const keys = new Set([...now.keys(), ...before.keys()]);
    if (q.by === 'station')
      for (const s of dir.ofKind('station')) if (!stations || stations.includes(s.id)) keys.add(s.id);
    const items = [...keys]
      .map((key) => {
        const count = now.get(key) ?? 0;
        const lastYear = before.get(key) ?? 0;
        return { key, name: nameOf(key), count, lastYear, change: yoyChange(count, lastYear) };
      })
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
    return { items, total: items.length };
  }

  async function clearanceCounts(
    tenant: string,
    range: Instants,
    group: ClearanceGroupKey,
    stations: string[] | null,
  ) {
    const row = await db
      .selectFrom('crime_records')
      .select((eb) => [
        eb.fn.countAll<number>().as('filed'),
        sql<number>`count(*) filter (where crime_records.solved_at is not null)`.as('solved'),
      ])
      .where((eb) => crimeWhere(eb, tenant, range, group, stations))
      .executeTakeFirstOrThrow();
    const filed = num(row.filed);
    const solved = num(row.solved);
    return { filed, solved, rate: clearanceRate(solved, filed) };
  }

  async function clearance(principal: Principal, q: StatsClearanceQuery): Promise<StatsClearance> {
    read(principal, 'Reading the scorecard');
    const dir = await orgs.directory(principal.tenantCode);
    const stations = stationFilter(stationScope(principal, dir), q.station);
    const counts = await clearanceCounts(
      principal.tenantCode,
      instants(yearPeriod(q.year)),
      q.group,
      stations,
    );
    return { year: q.year, group: q.group, ...counts };
  }

  async function clearanceBreakdown(
    principal: Principal,
    q: StatsClearanceBreakdownQuery,
  ): Promise<StatsClearanceBreakdown> {
    read(principal, 'Reading the scorecard');
    const tenant = principal.tenantCode;
    const dir = await orgs.directory(tenant);
    const stations = stationScope(principal, dir);
    const column = q.by === 'station' ? 'station_id' : ('category' as const);
    const rows = await db
      .selectFrom('crime_records')
      .select([`crime_records.${column} as key`])
      .select((eb) => [
        eb.fn.countAll<number>().as('filed'),
        sql<number>`count(*) filter (where crime_records.solved_at is not null)`.as('solved'),
      ])
      .where((eb) => crimeWhere(eb, tenant, instants(yearPeriod(q.year)), q.group, stations))
      .groupBy(`crime_records.${column}`)
      .execute();
    const items = rows
      .map((r) => {
        const key = r.key ?? '';
        const filed = num(r.filed);
        const solved = num(r.solved);
        return {
          key,
          name: !key ? '未定位' : q.by === 'station' ? (dir.get(key)?.name ?? key) : crimeCategoryName(key),
          filed,
          solved,
          rate: clearanceRate(solved, filed),
        };
      })
      .sort((a, b) => b.filed - a.filed || a.key.localeCompare(b.key));
    return { items, total: items.length };
  }

  // ── Indicators ─────────────────────────────────────────────────────────────────────────────────

  /** A query over a table another slice may not have created yet: null when the table is missing. */
  async function optional<T>(run: () => Promise<T>): Promise<T | null> {
    try {
      return await run();
    } catch (error) {
      if (isMissingRelation(error)) return null;
      throw error;
    }
  }

  async function computeIndicators(
    tenant: string,
    from: string,
    to: string,
    stations: string[] | null,
  ): Promise<StatsIndicator[]> {
    const range = instants(customPeriod(from, to));
    const start = new Date(range.start);
    const end = new Date(range.end);
    const inStations = stations ? (stations.length ? stations : ['']) : null;
    const stationSql = (column: string) =>
      inStations ? sql`and ${sql.ref(column)} in (${sql.join(inStations)})` : sql``;
    const [dispatch, hazards, disputes, volunteers, service, ratings, crimes, warnings, visits] =
      await Promise.all([
        db
          .selectFrom('incidents')
          .select((eb) => [
            eb.fn.countAll<number>().as('received'),
            sql<number>`count(*) filter (where incidents.on_scene_at is not null)`.as('arrived'),
            sql<number>`count(*) filter (where incidents.on_scene_at is not null and extract(epoch from (incidents.on_scene_at - incidents.received_at)) <= incidents.target_seconds)`.as(
              'on_time',
            ),
            sql<
              number | null
            >`percentile_cont(0.5) within group (order by extract(epoch from (incidents.on_scene_at - incidents.received_at)))`.as(
              'median',
            ),
          ])
          .where((eb) => incidentWhere(eb, tenant, range, null, stations))
          .executeTakeFirstOrThrow(),
        sql<{ reported: number; closed: number }>`select
          count(*) filter (where reported_at >= ${start} and reported_at < ${end}) as reported,
          count(*) filter (where closed_at >= ${start} and closed_at < ${end}) as closed
        from hazards where tenant_code = ${tenant} ${stationSql('station_id')}`.execute(db),
        sql<{ n: number }>`select count(*) as n from disputes
        where tenant_code = ${tenant} and concluded_at >= ${start} and concluded_at < ${end}
          and status in ('settled', 'followed-up', 'closed') ${stationSql('station_id')}`.execute(db),
        sql<{ n: number; hours: number }>`select count(*) as n,
          coalesce(sum(a.duration_minutes * greatest(1, (select count(*) from volunteer_activity_people p
            where p.tenant_code = a.tenant_code and p.activity_id = a.id))), 0) / 60.0 as hours
        from volunteer_activities a
        where a.tenant_code = ${tenant} and a.status = 'confirmed'
          and a.occurred_at >= ${start} and a.occurred_at < ${end} ${stationSql('a.station_id')}`.execute(db),
        sql<{ n: number; completed: number; on_time: number }>`select count(*) as n,
          count(*) filter (where c.completed_at is not null) as completed,
          count(*) filter (where c.completed_at is not null and c.on_time) as on_time
        from service_cases c join service_halls h on h.tenant_code = c.tenant_code and h.id = c.hall_id
        where c.tenant_code = ${tenant} and c.status <> 'cancelled'
          and c.accepted_at >= ${start} and c.accepted_at < ${end} ${stationSql('h.org_id')}`.execute(db),
        sql<{
          n: number;
          satisfied: number;
        }>`select count(*) as n, count(*) filter (where r.level >= 4) as satisfied
        from service_ratings r join service_halls h on h.tenant_code = r.tenant_code and h.id = r.hall_id
        where r.tenant_code = ${tenant} and r.at >= ${start} and r.at < ${end} ${stationSql('h.org_id')}`.execute(
          db,
        ),
        db
          .selectFrom('crime_records')
          .select((eb) => [
            eb.fn.countAll<number>().as('filed'),
            sql<number>`count(*) filter (where crime_records.solved_at is not null)`.as('solved'),
          ])
          .where((eb) => crimeWhere(eb, tenant, range, 'all', stations))
          .executeTakeFirstOrThrow(),
        optional(() =>
          sql<{ n: number; decided: number; dissuaded: number; saved: number }>`select count(*) as n,
            count(*) filter (where outcome is not null) as decided,
            count(*) filter (where outcome = 'dissuaded') as dissuaded,
            coalesce(sum(money_saved), 0) as saved
          from fraud_warnings where tenant_code = ${tenant} and issued_at >= ${start} and issued_at < ${end}
            ${stationSql('station_id')}`.execute(db),
        ),
        optional(() =>
          sql<{ n: number }>`select count(*) as n from home_visits
          where tenant_code = ${tenant} and status = 'done' and done_at >= ${start} and done_at < ${end}
            ${stationSql('station_id')}`.execute(db),
        ),
      ]);
    const hz = hazards.rows[0]!;
    const vol = volunteers.rows[0]!;
    const sv = service.rows[0]!;
    const rt = ratings.rows[0]!;
    const fw = warnings?.rows[0] ?? null;
    const hv = visits?.rows[0] ?? null;
    const values: Record<IndicatorKey, { value: number | null; count: number }> = {
      'incidents-received': { value: num(dispatch.received), count: num(dispatch.received) },
      'on-time-rate': {
        value: share(num(dispatch.on_time), num(dispatch.arrived)),
        count: num(dispatch.arrived),
      },
      'median-response-seconds': {
        value: dispatch.median === null ? null : Math.round(Number(dispatch.median)),
        count: num(dispatch.arrived),
      },
      'hazards-reported': { value: num(hz.reported), count: num(hz.reported) },
      'hazards-closed': { value: num(hz.closed), count: num(hz.closed) },
      'disputes-resolved': { value: num(disputes.rows[0]!.n), count: num(disputes.rows[0]!.n) },
      'volunteer-activities': { value: num(vol.n), count: num(vol.n) },
      'volunteer-hours': { value: Math.round(num(vol.hours) * 10) / 10, count: num(vol.n) },
      'service-cases': { value: num(sv.n), count: num(sv.n) },
      'service-on-time-rate': { value: share(num(sv.on_time), num(sv.completed)), count: num(sv.completed) },
      'service-satisfaction': { value: share(num(rt.satisfied), num(rt.n)), count: num(rt.n) },
      'warnings-issued': { value: fw ? num(fw.n) : null, count: fw ? num(fw.n) : 0 },
      'warnings-dissuaded-rate': {
        value: fw ? share(num(fw.dissuaded), num(fw.decided)) : null,
        count: fw ? num(fw.decided) : 0,
      },
      'money-saved': { value: fw ? round4(num(fw.saved)) : null, count: fw ? num(fw.n) : 0 },
      'home-visits-done': { value: hv ? num(hv.n) : null, count: hv ? num(hv.n) : 0 },
      'crimes-filed': { value: num(crimes.filed), count: num(crimes.filed) },
      'crimes-solved': { value: num(crimes.solved), count: num(crimes.solved) },
      'clearance-rate': {
        value: clearanceRate(num(crimes.solved), num(crimes.filed)),
        count: num(crimes.filed),
      },
    };
    return INDICATOR_KEYS.map((key) => ({
      key,
      group: INDICATOR_META[key].group,
      unit: INDICATOR_META[key].unit,
      ...values[key],
      drill: { figure: 'indicator', params: { key, from, to } },
    }));
  }

  async function indicators(principal: Principal, q: { from: string; to: string }): Promise<StatsIndicators> {
    read(principal, 'Reading the scorecard');
    if (q.to < q.from) throw invalid('/to', 'must not be before from');
    const dir = await orgs.directory(principal.tenantCode);
    return {
      from: q.from,
      to: q.to,
      items: await computeIndicators(principal.tenantCode, q.from, q.to, stationScope(principal, dir)),
    };
  }

  // ── Rankings ───────────────────────────────────────────────────────────────────────────────────

  const YOY_OF: Record<string, string> = {
    'theft-yoy': 'theft',
    'criminal-yoy': 'criminal',
    'public-order-yoy': 'public-order',
  };

  /** Per-station (or per-tenant) values of a ranking indicator. */
  async function rankingValues(
    tenants: string[],
    byTenant: boolean,
    q: StatsRankingsQuery,
  ): Promise<Map<string, { value: number | null; count: number }>> {
    const key = byTenant ? 'tenant_code' : 'station_id';
    const year = instants(yearPeriod(q.year));
    const out = new Map<string, { value: number | null; count: number }>();
    const category = YOY_OF[q.indicator];
    if (category) {
      const selector = selectorOf(category);
      const lastRange = instants(yearPeriod(q.year - 1));
      const grouped = async (range: Instants) => {
        const rows = await db
          .selectFrom('incidents')
          .select([`incidents.${key} as key`])
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where((eb) =>
            eb.and([
              eb('incidents.tenant_code', 'in', tenants),
              eb('incidents.received_at', '>=', new Date(range.start)),
              eb('incidents.received_at', '<', new Date(range.end)),
              eb('incidents.merged_into', 'is', null),
              eb.or([
                ...(selector.kinds.length ? [eb('incidents.kind', 'in', selector.kinds)] : []),
                ...selector.codePrefixes.map((p) => eb('incidents.category_code', 'like', `${p}%`)),
              ]),
            ]),
          )
          .groupBy(`incidents.${key}`)
          .execute();
        return new Map(rows.map((r) => [r.key ?? '', num(r.n)]));
      };
      const [now, before] = await Promise.all([grouped(year), grouped(lastRange)]);
      for (const k of new Set([...now.keys(), ...before.keys()]))
        out.set(k, { value: yoyChange(now.get(k) ?? 0, before.get(k) ?? 0), count: now.get(k) ?? 0 });
      return out;
    }
    if (q.indicator === 'clearance') {
      const rows = await db
        .selectFrom('crime_records')
        .select([`crime_records.${key} as key`])
        .select((eb) => [
          eb.fn.countAll<number>().as('filed'),
          sql<number>`count(*) filter (where crime_records.solved_at is not null)`.as('solved'),
        ])
        .where('crime_records.tenant_code', 'in', tenants)
        .where((eb) =>
          eb.and([
            eb(filedAt, '>=', new Date(year.start)),
            eb(filedAt, '<', new Date(year.end)),
            eb.or(['0501', '0502', '0503', '0504'].map((p) => eb('crime_records.category', 'like', `${p}%`))),
            eb('crime_records.category', 'not like', '050301%'),
          ]),
        )
        .groupBy(`crime_records.${key}`)
        .execute();
      for (const r of rows)
        out.set(r.key ?? '', { value: clearanceRate(num(r.solved), num(r.filed)), count: num(r.filed) });
      return out;
    }
    const rows = await db
      .selectFrom('incidents')
      .select([`incidents.${key} as key`])
      .select(() => [
        sql<number>`count(*) filter (where incidents.on_scene_at is not null)`.as('arrived'),
        sql<number>`count(*) filter (where incidents.on_scene_at is not null and extract(epoch from (incidents.on_scene_at - incidents.received_at)) <= incidents.target_seconds)`.as(
          'on_time',
        ),
      ])
      .where('incidents.tenant_code', 'in', tenants)
      .where('incidents.received_at', '>=', new Date(year.start))
      .where('incidents.received_at', '<', new Date(year.end))
      .where('incidents.merged_into', 'is', null)
      .groupBy(`incidents.${key}`)
      .execute();
    for (const r of rows)
      out.set(r.key ?? '', { value: share(num(r.on_time), num(r.arrived)), count: num(r.arrived) });
    return out;
  }

  async function rankings(principal: Principal, q: StatsRankingsQuery): Promise<StatsRankings> {
    read(principal, 'Reading the scorecard');
    let candidates: { id: string; name: string }[];
    let values: Map<string, { value: number | null; count: number }>;
    if (q.scope === 'county') {
      // The deployment's counties: aggregates only, whoever reads them.
      candidates = (
        await db.selectFrom('tenants').select(['tenant_code', 'name']).orderBy('tenant_code').execute()
      ).map((t) => ({ id: t.tenant_code, name: t.name }));
      values = await rankingValues(
        candidates.map((c) => c.id),
        true,
        q,
      );
    } else {
      const dir = await orgs.directory(principal.tenantCode);
      const scope = stationScope(principal, dir);
      candidates = dir
        .ofKind('station')
        .filter((s) => !scope || scope.includes(s.id))
        .map((s) => ({ id: s.id, name: s.name }));
      values = await rankingValues([principal.tenantCode], false, q);
    }
    const rows = candidates.map((c) => ({
      ...c,
      value: values.get(c.id)?.value ?? null,
      count: values.get(c.id)?.count ?? 0,
    }));
    const better = q.indicator.endsWith('-yoy') ? 'lower' : 'higher';
    return {
      indicator: q.indicator,
      scope: q.scope,
      items: rankRows(
        rows,
        (r) => r.value,
        better,
        (a, b) => a.id.localeCompare(b.id),
      ).map(({ rank, row }) => ({
        rank,
        ...row,
      })),
    };
  }

  // ── Drill-down ─────────────────────────────────────────────────────────────────────────────────

  async function drill(principal: Principal, q: StatsDrillQuery): Promise<StatsDrill> {
    read(principal, 'Reading the records behind a figure');
    const tenant = principal.tenantCode;
    const dir = await orgs.directory(tenant);
    const scope = stationScope(principal, dir);
    const pageSize = Math.min(q.pageSize, PAGE_MAX);
    const offset = (q.page - 1) * pageSize;
    let result: StatsDrill;
    if (q.figure === 'yoy') {
      if (!q.year) throw invalid('/year', 'is required for a yoy figure');
      if (!q.category) throw invalid('/category', 'is required for a yoy figure');
      const md = (v: string | undefined, path: string) => {
        if (v !== undefined && !/^\d{2}-\d{2}$/.test(v)) throw invalid(path, 'must be a day MM-DD');
        return v;
      };
      const periods = yoyPeriods({ year: q.year, from: md(q.from, '/from'), to: md(q.to, '/to') });
      const range = q.side === 'last' ? periods.last : periods.current;
      result = await incidentPage(
        tenant,
        range,
        q.category,
        stationFilter(scope, q.station),
        offset,
        pageSize,
        dir,
      );
    } else if (q.figure === 'clearance') {
      if (!q.year) throw invalid('/year', 'is required for a clearance figure');
      result = await crimePage(
        tenant,
        instants(yearPeriod(q.year)),
        q.group ?? 'traditional',
        stationFilter(scope, q.station),
        q.solved === undefined ? null : q.solved === 'true',
        offset,
        pageSize,
        dir,
      );
    } else {
      if (!q.key) throw invalid('/key', 'is required for an indicator');
      const isDay = (v: string | undefined) => v !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(v);
      if (!isDay(q.from)) throw invalid('/from', 'must be a day YYYY-MM-DD');
      if (!isDay(q.to)) throw invalid('/to', 'must be a day YYYY-MM-DD');
      result = await indicatorPage(tenant, q.key, q.from!, q.to!, scope, offset, pageSize, dir);
    }
    await audit.record(principal, {
      action: 'stats.drill',
      resource: 'stats',
      detail: {
        figure: q.figure,
        year: q.year,
        category: q.category,
        group: q.group,
        key: q.key,
        total: result.total,
      },
    });
    return result;
  }

  async function incidentPage(
    tenant: string,
    range: Instants,
    category: string | null,
    stations: string[] | null,
    offset: number,
    limit: number,
    dir: OrgDirectory,
    extra?: 'arrived',
  ): Promise<StatsDrill> {
    const selector = category ? selectorOf(category) : null;
    const base = db
      .selectFrom('incidents')
      .where((eb) => incidentWhere(eb, tenant, range, selector, stations))
      .$if(extra === 'arrived', (qb) => qb.where('incidents.on_scene_at', 'is not', null));
    const [rows, total] = await Promise.all([
      base
        .select(['id', 'number', 'received_at', 'category_code', 'station_id', 'status'])
        .orderBy('received_at')
        .orderBy('id')
        .offset(offset)
        .limit(limit)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map((r) => incidentDrillItem(r, dir)), total: num(total.n) };
  }

  async function crimePage(
    tenant: string,
    range: Instants,
    group: ClearanceGroupKey,
    stations: string[] | null,
    solved: boolean | null,
    offset: number,
    limit: number,
    dir: OrgDirectory,
  ): Promise<StatsDrill> {
    const base = db
      .selectFrom('crime_records')
      .where((eb) => crimeWhere(eb, tenant, range, group, stations))
      .$if(solved === true, (qb) => qb.where('crime_records.solved_at', 'is not', null))
      .$if(solved === false, (qb) => qb.where('crime_records.solved_at', 'is', null));
    const [rows, total] = await Promise.all([
      base
        .select(['id', 'category', 'station_id', 'solved_at', filedAt.as('filed')])
        .orderBy(filedAt)
        .orderBy('id')
        .offset(offset)
        .limit(limit)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map((r) => crimeDrillItem(r, dir)), total: num(total.n) };
  }

  /** The records of one indicator, from the table it counts. */
  async function indicatorPage(
    tenant: string,
    key: IndicatorKey,
    from: string,
    to: string,
    scope: string[] | null,
    offset: number,
    limit: number,
    dir: OrgDirectory,
  ): Promise<StatsDrill> {
    const range = instants(customPeriod(from, to));
    const start = new Date(range.start);
    const end = new Date(range.end);
    switch (key) {
      case 'incidents-received':
        return incidentPage(tenant, range, null, scope, offset, limit, dir);
      case 'on-time-rate':
      case 'median-response-seconds':
        return incidentPage(tenant, range, null, scope, offset, limit, dir, 'arrived');
      case 'crimes-filed':
      case 'clearance-rate':
        return crimePage(tenant, range, 'all', scope, null, offset, limit, dir);
      case 'crimes-solved':
        return crimePage(tenant, range, 'all', scope, true, offset, limit, dir);
    }
    const inStations = scope ? (scope.length ? scope : ['']) : null;
    const stationSql = (column: string) =>
      inStations ? sql`and ${sql.ref(column)} in (${sql.join(inStations)})` : sql``;
    type Row = {
      id: string;
      number: string | null;
      at: Date;
      category: string | null;
      category_name: string | null;
      station_id: string | null;
      status: string | null;
      total: number;
    };
    let query: ReturnType<typeof sql<Row>> | null = null;
    let kind = '';
    const page = sql`order by at, id offset ${offset} limit ${limit}`;
    switch (key) {
      case 'hazards-reported':
      case 'hazards-closed': {
        kind = 'hazard';
        const col = sql.ref(key === 'hazards-reported' ? 'reported_at' : 'closed_at');
        query = sql<Row>`select id, number, ${col} as at, kind as category, null as category_name, station_id, status,
            count(*) over () as total
          from hazards where tenant_code = ${tenant} and ${col} >= ${start} and ${col} < ${end} ${stationSql('station_id')} ${page}`;
        break;
      }
      case 'disputes-resolved':
        kind = 'dispute';
        query = sql<Row>`select id, number, concluded_at as at, kind as category, null as category_name, station_id, status,
            count(*) over () as total
          from disputes where tenant_code = ${tenant} and concluded_at >= ${start} and concluded_at < ${end}
            and status in ('settled', 'followed-up', 'closed') ${stationSql('station_id')} ${page}`;
        break;
      case 'volunteer-activities':
      case 'volunteer-hours':
        kind = 'volunteer-activity';
        query = sql<Row>`select id, null as number, occurred_at as at, kind as category, null as category_name, station_id, status,
            count(*) over () as total
          from volunteer_activities where tenant_code = ${tenant} and status = 'confirmed'
            and occurred_at >= ${start} and occurred_at < ${end} ${stationSql('station_id')} ${page}`;
        break;
      case 'service-cases':
      case 'service-on-time-rate':
      case 'service-satisfaction':
        kind = 'service-case';
        query = sql<Row>`select c.id, c.number, c.accepted_at as at, c.item_code as category, i.name as category_name,
            h.org_id as station_id, c.status, count(*) over () as total
          from service_cases c join service_halls h on h.tenant_code = c.tenant_code and h.id = c.hall_id
            left join service_items i on i.tenant_code = c.tenant_code and i.code = c.item_code
          where c.tenant_code = ${tenant} and c.status <> 'cancelled' and c.accepted_at >= ${start} and c.accepted_at < ${end}
            ${key === 'service-on-time-rate' ? sql`and c.completed_at is not null` : sql``} ${stationSql('h.org_id')} ${page}`;
        break;
      case 'warnings-issued':
      case 'warnings-dissuaded-rate':
      case 'money-saved':
        kind = 'fraud-warning';
        query = sql<Row>`select id, null as number, issued_at as at, fraud_type as category, null as category_name, station_id, status,
            count(*) over () as total
          from fraud_warnings where tenant_code = ${tenant} and issued_at >= ${start} and issued_at < ${end}
            ${key === 'warnings-dissuaded-rate' ? sql`and outcome is not null` : sql``} ${stationSql('station_id')} ${page}`;
        break;
      case 'home-visits-done':
        kind = 'home-visit';
        query = sql<Row>`select id, null as number, done_at as at, null as category, null as category_name, station_id, status,
            count(*) over () as total
          from home_visits where tenant_code = ${tenant} and status = 'done' and done_at >= ${start} and done_at < ${end}
            ${stationSql('station_id')} ${page}`;
        break;
    }
    const rows = query ? await optional(() => query!.execute(db)) : null;
    if (!rows) return { items: [], total: 0 };
    const items: StatsDrillItem[] = rows.rows.map((r) => ({
      id: String(r.id),
      kind,
      number: r.number,
      at: new Date(r.at).toISOString(),
      category: r.category,
      categoryName: r.category_name,
      stationId: r.station_id,
      stationName: r.station_id ? (dir.get(r.station_id)?.name ?? null) : null,
      status: r.status,
    }));
    // A page past the end has no row to carry the total: count again.
    const total = rows.rows.length
      ? num(rows.rows[0]!.total)
      : offset === 0
        ? 0
        : (await indicatorPage(tenant, key, from, to, scope, 0, 1, dir)).total;
    return { items, total };
  }

  /** Today in Beijing time. */
  const today = () => beijingDate(clock.now());

  return {
    yoy,
    yoyBreakdown,
    clearance,
    clearanceBreakdown,
    indicators,
    rankings,
    drill,
    computeIndicators,
    countIncidents,
    clearanceCounts,
    today,
    categoryName: incidentCategoryName,
  };
}

export type StatsFigures = ReturnType<typeof createStatsFigures>;
