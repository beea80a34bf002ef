import { randomUUID } from 'node:crypto';
import { arrivalTarget, findCategory, type SimulatedIncident, simulateIncidents } from '@ronghui/dispatch';
import { chinaDateKey, chinaMidnight, createRng, type Rng } from '@ronghui/geo';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../platform/db/schema.ts';
import type { Services } from '../main.ts';
import {
  createIncidentsRepo,
  loadTenantGazetteer,
  locationColumns,
  resolveLocation,
} from '../modules/incidents/index.ts';

const DAY_MS = 86_400_000;
export const HISTORY_TAG = '[历史演示] ';

/** Dispositions by kind, in the proportions a county's closed incidents show (demo figures). */
const DISPOSITION_BY_KIND: Record<string, readonly [string, number][]> = {
  criminal: [
    ['criminal-case', 0.7],
    ['no-finding', 0.2],
    ['handled-on-scene', 0.1],
  ],
  dispute: [
    ['mediated', 0.75],
    ['handled-on-scene', 0.2],
    ['referred', 0.05],
  ],
  help: [
    ['handled-on-scene', 0.7],
    ['advice-given', 0.2],
    ['referred', 0.1],
  ],
  fire: [
    ['referred', 0.8],
    ['handled-on-scene', 0.2],
  ],
};
const DEFAULT_DISPOSITIONS: readonly [string, number][] = [
  ['handled-on-scene', 0.6],
  ['administrative-case', 0.25],
  ['no-finding', 0.1],
  ['false-report', 0.05],
];

function pick(rng: Rng, options: readonly [string, number][]): string {
  let x = rng.next() * options.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of options) {
    x -= w;
    if (x <= 0) return v;
  }
  return options[options.length - 1]![0];
}

const seconds = (rng: Rng, median: number, spread = 0.5) => median * Math.exp(spread * rng.normal());

/**
 * The demo's past: closed incidents for the `days` before today, so the big screen's 比降 (this period
 * against the same days last year) and the metrics have something to compare. Generated like the live
 * simulator's calls (hourly profile, category mix, villages by population) at a rate that falls by
 * `yearlyDecline` over a year, each located and zoned by the intake's own rules, with every timestamp from
 * the call to the follow-up visit. Written in bulk, marked [历史演示] in the description, audited once.
 */
export async function seedIncidentHistory(
  services: Services,
  options: { tenantCode: string; days?: number; perDay?: number; yearlyDecline?: number; seed?: number },
): Promise<number> {
  const days = options.days ?? 400;
  const perDay = options.perDay ?? 40;
  const decline = options.yearlyDecline ?? 0.08;
  const { db, orgs, audit, clock } = services;
  const tenantCode = options.tenantCode;
  const repo = createIncidentsRepo(services.fieldCrypto);
  const geo = { ...(await loadTenantGazetteer(db, repo, tenantCode)), dir: await orgs.directory(tenantCode) };
  const spots = (
    await db
      .selectFrom('divisions')
      .select(['code', 'lon', 'lat', 'population'])
      .where('tenant_code', '=', tenantCode)
      .where('level', '=', 'village')
      .execute()
  ).map((r) => ({ code: r.code, lon: r.lon, lat: r.lat, weight: Math.max(1, r.population) }));
  if (spots.length === 0) return 0;
  const rng = createRng(options.seed ?? 20_261_129);
  const now = clock.now().getTime();
  // Up to the start of today (Beijing time): today belongs to the live simulator and the dispatchers.
  const end = chinaMidnight(now);
  const generated: SimulatedIncident[] = [];
  for (let d = days; d >= 1; d--) {
    const from = end - d * DAY_MS;
    const rate = perDay * (1 + (decline * d) / 365);
    generated.push(...simulateIncidents(rng, from, from + DAY_MS, rate, spots));
  }

  const incidents: Record<string, unknown>[] = [];
  const links: Record<string, unknown>[] = [];
  const events: Record<string, unknown>[] = [];
  const perDayNumber = new Map<string, number>();
  const places = new Map<string, ReturnType<typeof resolveLocation> | null>();
  const actor = { id: 'system:demo', name: 'demo' };
  for (const g of generated) {
    const category = findCategory(g.category);
    if (!category) continue;
    // Located by the intake's rules once per village; the point itself is spread a few dozen metres.
    let place = places.get(g.spot.code);
    if (place === undefined) {
      try {
        place = resolveLocation(geo, { location: { lon: g.spot.lon, lat: g.spot.lat } });
      } catch {
        place = null;
      }
      places.set(g.spot.code, place);
    }
    if (!place) continue;
    const jitter = () => (rng.next() - 0.5) * 0.001;
    const { zone, targetSeconds } = arrivalTarget(place.point, geo.zoneSettings);
    const received = g.at;
    const answered = received + seconds(rng, 15, 0.4) * 1000;
    const dispatched = answered + seconds(rng, 70, 0.6) * 1000;
    const acknowledged = dispatched + seconds(rng, 30, 0.5) * 1000;
    const onScene = acknowledged + seconds(rng, targetSeconds * 0.75, 0.45) * 1000;
    const resolved = onScene + seconds(rng, 35 * 60, 0.6) * 1000;
    const closed = resolved + seconds(rng, 20 * 60, 0.5) * 1000;
    const callback = rng.next() < 0.6 ? closed + seconds(rng, 20 * 3_600, 0.4) * 1000 : null;
    const day = chinaDateKey(received);
    const n = (perDayNumber.get(day) ?? 0) + 1;
    perDayNumber.set(day, n);
    const id = randomUUID();
    const status = callback && callback < now ? 'callback' : 'closed';
    const disposition = pick(rng, DISPOSITION_BY_KIND[category.kind] ?? DEFAULT_DISPOSITIONS);
    incidents.push({
      id,
      tenant_code: tenantCode,
      number: `${tenantCode}-${day}-${String(n).padStart(4, '0')}`,
      source: '110',
      kind: category.kind,
      category_code: category.code,
      priority: g.priority,
      status,
      disposition,
      description: `${HISTORY_TAG}${g.description}`,
      caller_name: null,
      caller_phone: null,
      address: null,
      ...locationColumns(place),
      candidates: [],
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
      callback_at: status === 'callback' && callback ? new Date(callback) : null,
      created_by: actor.id,
      created_at: new Date(received),
      updated_at: new Date(callback && status === 'callback' ? callback : closed),
    });
    if (place.stationId)
      links.push({
        tenant_code: tenantCode,
        incident_id: id,
        org_id: place.stationId,
        role: 'station',
        created_at: new Date(received),
      });
    if (place.gridId)
      links.push({
        tenant_code: tenantCode,
        incident_id: id,
        org_id: place.gridId,
        role: 'grid',
        created_at: new Date(received),
      });
    // The timeline keeps the call and the final step; every other time is on the incident itself.
    const steps: [number, string, string | null][] = [
      [received, 'received', null],
      status === 'callback' && callback ? [callback, 'callback', 'received'] : [closed, 'closed', 'received'],
    ];
    for (const [at, to, from] of steps)
      events.push({
        tenant_code: tenantCode,
        incident_id: id,
        at: new Date(at),
        actor_id: actor.id,
        actor: actor.name,
        kind: from === null ? 'created' : 'status',
        from_status: from,
        to_status: to,
        note: to === 'resolved' ? disposition : null,
        detail: from === null ? { source: '110', history: true } : { history: true },
      });
  }

  await db.transaction().execute(async (trx) => {
    await writeIncidentHistory(trx, tenantCode, { incidents, links, events, perDay: perDayNumber });
    await audit.write(
      trx,
      { tenantCode, userId: actor.id, username: actor.name },
      {
        action: 'demo.seed-incident-history',
        resource: 'incident',
        detail: { incidents: incidents.length, days, perDay, yearlyDecline: decline },
      },
    );
  });
  return incidents.length;
}

/** Rows travel as one JSON document per few thousand: a year of a county's calls in a few statements. */
export async function bulkInsert(
  trx: Kysely<DB>,
  table: string,
  columns: string[],
  rows: object[],
): Promise<void> {
  const list = sql.join(columns.map((c) => sql.id(c)));
  for (let i = 0; i < rows.length; i += 5_000)
    await sql`INSERT INTO ${sql.table(table)} (${list})
      SELECT ${list} FROM jsonb_populate_recordset(NULL::${sql.table(table)}, ${JSON.stringify(rows.slice(i, i + 5_000))}::jsonb)`.execute(
      trx,
    );
}

/** Generated past incidents with their org links, timeline rows and the days' numbering, in bulk. */
export async function writeIncidentHistory(
  trx: Kysely<DB>,
  tenantCode: string,
  rows: {
    incidents: Record<string, unknown>[];
    links: Record<string, unknown>[];
    events: Record<string, unknown>[];
    perDay: ReadonlyMap<string, number>;
  },
): Promise<void> {
  await bulkInsert(trx, 'incidents', Object.keys(rows.incidents[0] ?? {}), rows.incidents);
  await bulkInsert(
    trx,
    'incident_orgs',
    ['tenant_code', 'incident_id', 'org_id', 'role', 'created_at'],
    rows.links,
  );
  await bulkInsert(
    trx,
    'incident_events',
    [
      'tenant_code',
      'incident_id',
      'at',
      'actor_id',
      'actor',
      'kind',
      'from_status',
      'to_status',
      'note',
      'detail',
    ],
    rows.events,
  );
  for (const [day, n] of rows.perDay)
    await trx
      .insertInto('incident_counters')
      .values({ tenant_code: tenantCode, day, n })
      .onConflict((oc) => oc.columns(['tenant_code', 'day']).doNothing())
      .execute();
}
