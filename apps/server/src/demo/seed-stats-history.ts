import { randomUUID } from 'node:crypto';
import { arrivalTarget, findCategory } from '@ronghui/dispatch';
import { chinaDateKey } from '@ronghui/geo';
import {
  dehuaHistoryTargets,
  generateHistory,
  type HistoryTargets,
  historyRng,
  round4,
} from '@ronghui/scorecard';
import type { Services } from '../main.ts';
import { createIncidentsRepo, loadTenantGazetteer, resolveLocation } from '../modules/incidents/index.ts';
import { bulkInsert, writeIncidentHistory } from './seed-incident-history.ts';

/** Marks the scorecard's generated 2022–2023 records (incident descriptions; crime ids start HX-). */
export const STATS_HISTORY_TAG = '[历史演示] ';

const seconds = (rand: () => number, median: number, spread = 0.5) => {
  // Box–Muller: a log-normal spread around the median.
  const u = 1 - rand();
  const v = rand();
  return median * Math.exp(spread * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
};

/**
 * The scorecard's past: every call of 2022 and 2023 (closed, each located by the intake's rules at its
 * village), the crime records filed from them with their solving dates, and the 三率 survey results of
 * 2023's quarters per township, all generated (marked demo) so that the figures the scorecard computes —
 * theft −19.1%, criminal −26.28%, public order −15.44%, traditional 盗抢骗 cleared 97.37% — come from the
 * records. Written in bulk, audited once.
 */
export async function seedStatsHistory(
  services: Services,
  options: { tenantCode: string; seed?: number; targets?: HistoryTargets },
): Promise<{ incidents: number; crimes: number; surveyRows: number }> {
  const { db, orgs, audit } = services;
  const tenantCode = options.tenantCode;
  const seed = options.seed ?? 20_231_231;
  const repo = createIncidentsRepo(services.fieldCrypto);
  const geo = { ...(await loadTenantGazetteer(db, repo, tenantCode)), dir: await orgs.directory(tenantCode) };
  const villages = await db
    .selectFrom('divisions')
    .select(['code', 'lon', 'lat', 'population', 'parent_code'])
    .where('tenant_code', '=', tenantCode)
    .where('level', '=', 'village')
    .orderBy('code')
    .execute();
  if (villages.length === 0) return { incidents: 0, crimes: 0, surveyRows: 0 };
  const places = villages.map((v) => {
    try {
      return resolveLocation(geo, { location: { lon: v.lon, lat: v.lat } });
    } catch {
      return null;
    }
  });
  const usable = villages.map((v, i) => ({ v, place: places[i]! })).filter((x) => x.place !== null);
  const { incidents: generated, crimes } = generateHistory(
    options.targets ?? dehuaHistoryTargets(),
    usable.map((u) => ({ code: u.v.code, weight: u.v.population })),
    seed,
  );
  const rand = historyRng(seed + 1);
  const actor = { id: 'system:demo', name: 'demo' };
  const incidents: Record<string, unknown>[] = [];
  const links: Record<string, unknown>[] = [];
  const events: Record<string, unknown>[] = [];
  const perDay = new Map<string, number>();
  const ids: string[] = [];
  for (const g of generated) {
    const { place } = usable[g.spot]!;
    const category = findCategory(g.category)!;
    const jitter = () => (rand() - 0.5) * 0.001;
    const { zone, targetSeconds } = arrivalTarget(place.point, geo.zoneSettings);
    const received = g.at;
    const answered = received + seconds(rand, 15, 0.4) * 1000;
    const dispatched = answered + seconds(rand, 70, 0.6) * 1000;
    const acknowledged = dispatched + seconds(rand, 30, 0.5) * 1000;
    const onScene = acknowledged + seconds(rand, targetSeconds * 0.55, 0.45) * 1000;
    const resolved = onScene + seconds(rand, 35 * 60, 0.6) * 1000;
    const closed = resolved + seconds(rand, 20 * 60, 0.5) * 1000;
    const day = chinaDateKey(received);
    const n = (perDay.get(day) ?? 0) + 1;
    perDay.set(day, n);
    const id = randomUUID();
    ids.push(id);
    incidents.push({
      id,
      tenant_code: tenantCode,
      number: `${tenantCode}-${day}-${String(n).padStart(4, '0')}`,
      source: '110',
      kind: category.kind,
      category_code: category.code,
      priority: g.priority,
      status: 'closed',
      disposition: category.kind === 'criminal' ? 'criminal-case' : 'handled-on-scene',
      description: `${STATS_HISTORY_TAG}${g.description}`,
      caller_name: null,
      caller_phone: null,
      address: null,
      road: place.road,
      house_number: place.houseNumber,
      location_source: place.source,
      confidence: place.confidence,
      candidates: [],
      township_code: place.townshipCode,
      village_code: place.villageCode,
      place_id: place.placeId,
      station_id: place.stationId,
      area_id: place.areaId,
      grid_id: place.gridId,
      lon: place.point[0] + jitter(),
      lat: place.point[1] + jitter(),
      zone,
      target_seconds: targetSeconds,
      received_at: new Date(received),
      answered_at: new Date(answered),
      dispatched_at: new Date(dispatched),
      acknowledged_at: new Date(acknowledged),
      en_route_at: new Date(acknowledged),
      on_scene_at: new Date(onScene),
      resolved_at: new Date(resolved),
      closed_at: new Date(closed),
      callback_at: null,
      created_by: actor.id,
      created_at: new Date(received),
      updated_at: new Date(closed),
    });
    for (const [org, role] of [
      [place.stationId, 'station'],
      [place.gridId, 'grid'],
    ] as const)
      if (org)
        links.push({
          tenant_code: tenantCode,
          incident_id: id,
          org_id: org,
          role,
          created_at: new Date(received),
        });
    events.push(
      {
        tenant_code: tenantCode,
        incident_id: id,
        at: new Date(received),
        actor_id: actor.id,
        actor: actor.name,
        kind: 'created',
        from_status: null,
        to_status: 'received',
        note: null,
        detail: { source: '110', history: true },
      },
      {
        tenant_code: tenantCode,
        incident_id: id,
        at: new Date(closed),
        actor_id: actor.id,
        actor: actor.name,
        kind: 'status',
        from_status: 'received',
        to_status: 'closed',
        note: null,
        detail: { history: true },
      },
    );
  }

  const perYear = new Map<number, number>();
  const crimeRows = crimes.map((c) => {
    const { place } = usable[c.spot]!;
    const year = new Date(c.filedAt + 8 * 3_600_000).getUTCFullYear();
    const n = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, n);
    const burglary = c.category.startsWith('050101');
    return {
      tenant_code: tenantCode,
      id: `HX-${year}-${String(n).padStart(5, '0')}`,
      occurred_from: new Date(c.occurredFrom),
      occurred_to: new Date(c.occurredTo),
      lon: place.point[0] + (rand() - 0.5) * 0.002,
      lat: place.point[1] + (rand() - 0.5) * 0.002,
      category: c.category,
      premise: burglary ? '0101' : '0301',
      method: burglary ? '0101' : '0401',
      features: [],
      property: null,
      suspect: null,
      series_id: null,
      source_incident_id: c.incident === null ? null : ids[c.incident],
      station_id: place.stationId,
      area_id: place.areaId,
      grid_id: place.gridId,
      created_by: actor.id,
      created_at: new Date(c.filedAt),
      filed_at: new Date(c.filedAt),
      solved_at: c.solvedAt === null ? null : new Date(c.solvedAt),
    };
  });

  const surveyRows = demoSurveyRows(
    await db
      .selectFrom('divisions')
      .select(['code'])
      .where('tenant_code', '=', tenantCode)
      .where('level', '=', 'township')
      .orderBy('code')
      .execute(),
    villages,
    seed,
  );
  await db.transaction().execute(async (trx) => {
    await writeIncidentHistory(trx, tenantCode, { incidents, links, events, perDay });
    await bulkInsert(trx, 'crime_records', Object.keys(crimeRows[0] ?? {}), crimeRows);
    await audit.write(
      trx,
      { tenantCode, userId: actor.id, username: actor.name },
      {
        action: 'demo.seed-stats-history',
        resource: 'incident',
        detail: { incidents: incidents.length, crimes: crimeRows.length, years: [2022, 2023] },
      },
    );
  });
  await services.stats.surveys.saveRows(
    db,
    { tenantCode, userId: actor.id, username: actor.name },
    surveyRows,
    true,
  );
  return { incidents: incidents.length, crimes: crimeRows.length, surveyRows: surveyRows.length };
}

/**
 * 2023's 三率 per quarter: each township's respondents by population, rates a little under the county's
 * level with noise, the county row their weighted rates and its province rank (top four), and the
 * province's rates a little below. Demo figures.
 */
export function demoSurveyRows(
  townships: readonly { code: string }[],
  villages: readonly { parent_code: string | null; population: number }[],
  seed: number,
) {
  const rand = historyRng(seed + 7);
  const population = new Map<string, number>();
  for (const v of villages)
    if (v.parent_code) population.set(v.parent_code, (population.get(v.parent_code) ?? 0) + v.population);
  const rows: {
    period: string;
    scope: 'township' | 'county' | 'province';
    code: string;
    respondents: number | null;
    awareness: number;
    participation: number;
    satisfaction: number;
    provinceRank: number | null;
  }[] = [];
  const ranks = [4, 3, 2, 3];
  const level = [
    { a: 0.955, p: 0.905, s: 0.962 },
    { a: 0.958, p: 0.912, s: 0.965 },
    { a: 0.962, p: 0.918, s: 0.968 },
    { a: 0.966, p: 0.924, s: 0.972 },
  ];
  const clamp = (x: number) => round4(Math.min(0.999, Math.max(0.8, x)));
  level.forEach((l, q) => {
    const period = `2023Q${q + 1}`;
    let n = 0;
    const sums = { a: 0, p: 0, s: 0 };
    for (const t of townships) {
      const respondents = Math.max(60, Math.round((population.get(t.code) ?? 10_000) / 200));
      const a = clamp(l.a + (rand() - 0.5) * 0.03);
      const p = clamp(l.p + (rand() - 0.5) * 0.04);
      const s = clamp(l.s + (rand() - 0.5) * 0.03);
      rows.push({
        period,
        scope: 'township',
        code: t.code,
        respondents,
        awareness: a,
        participation: p,
        satisfaction: s,
        provinceRank: null,
      });
      n += respondents;
      sums.a += a * respondents;
      sums.p += p * respondents;
      sums.s += s * respondents;
    }
    rows.push({
      period,
      scope: 'county',
      code: 'county',
      respondents: n,
      awareness: round4(sums.a / n),
      participation: round4(sums.p / n),
      satisfaction: round4(sums.s / n),
      provinceRank: ranks[q]!,
    });
    rows.push({
      period,
      scope: 'province',
      code: 'province',
      respondents: null,
      awareness: round4(l.a - 0.012),
      participation: round4(l.p - 0.02),
      satisfaction: round4(l.s - 0.01),
      provinceRank: null,
    });
  });
  return rows;
}
