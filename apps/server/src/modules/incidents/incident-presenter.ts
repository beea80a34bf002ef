import type { Incident, IncidentTimelineEntry } from '@ronghui/contracts';
import {
  type AddressCandidate,
  categoryByCode,
  categoryPath,
  DISPOSITIONS,
  type IncidentStatus,
  PRIORITIES,
  type Priority,
  STATUS_NAMES,
} from '@ronghui/dispatch';
import { mask } from '../../platform/privacy/privacy.ts';
import type { TenantGeo } from './incident-context.ts';
import type { IncidentEventRow, IncidentRow } from './incidents.repo.ts';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export const TIME_COLUMNS = {
  received: 'received_at',
  answered: 'answered_at',
  dispatched: 'dispatched_at',
  acknowledged: 'acknowledged_at',
  'en-route': 'en_route_at',
  'on-scene': 'on_scene_at',
  resolved: 'resolved_at',
  closed: 'closed_at',
  callback: 'callback_at',
} as const satisfies Partial<Record<IncidentStatus, keyof IncidentRow>>;

export function presentTimeline(rows: readonly IncidentEventRow[]): IncidentTimelineEntry[] {
  return rows.map((e) => ({
    at: new Date(e.at).toISOString(),
    actor: e.actor,
    kind: e.kind,
    fromStatus: e.from_status,
    toStatus: e.to_status,
    note: e.note,
    detail: e.detail,
  }));
}

const named = (id: string | null, name: string | undefined) => (id ? { id, name: name ?? '' } : null);

/** The incident as the API shows it: personal data masked, codes with their names. */
export function presentIncident(row: IncidentRow, geo: TenantGeo): Incident {
  const category = categoryByCode(row.category_code);
  const division = (code: string | null) => {
    const d = code ? geo.divisions.get(code) : undefined;
    return code ? { code, name: d?.name ?? '' } : null;
  };
  const place = row.place_id ? geo.places.get(row.place_id) : undefined;
  const status = row.status as IncidentStatus;
  return {
    id: row.id,
    number: row.number,
    source: row.source,
    category: {
      kind: row.kind,
      code: row.category_code,
      zh: category?.zh ?? row.category_code,
      en: category?.en ?? row.category_code,
      path: category ? categoryPath(category).map((c) => ({ code: c.code, zh: c.zh, en: c.en })) : [],
    },
    priority: row.priority as Priority,
    priorityName: PRIORITIES.find((p) => p.level === row.priority)?.zh ?? String(row.priority),
    status,
    statusName: STATUS_NAMES[status] ?? { zh: row.status, en: row.status },
    disposition: row.disposition
      ? (DISPOSITIONS.find((d) => d.code === row.disposition) ?? { code: row.disposition, zh: '', en: '' })
      : null,
    description: row.description,
    caller:
      row.caller_name || row.caller_phone
        ? { name: mask('name', row.caller_name), phone: mask('phone', row.caller_phone) }
        : null,
    location: {
      lon: row.lon,
      lat: row.lat,
      source: row.location_source,
      address: row.address,
      road: row.road,
      houseNumber: row.house_number,
      township: division(row.township_code),
      village: division(row.village_code),
      place: place ? { id: place.id, name: place.name } : null,
      confidence: row.confidence,
      candidates: (row.candidates as AddressCandidate[]).map((c) => ({
        kind: c.kind,
        code: c.code,
        name: c.name,
        township: division(c.townshipCode),
        lon: c.position[0],
        lat: c.position[1],
      })),
    },
    station: named(row.station_id, row.station_id ? geo.dir.get(row.station_id)?.name : undefined),
    area: named(row.area_id, row.area_id ? geo.dir.get(row.area_id)?.name : undefined),
    grid: named(row.grid_id, row.grid_id ? geo.dir.get(row.grid_id)?.name : undefined),
    zone: row.zone,
    targetSeconds: row.target_seconds,
    times: {
      received: iso(row.received_at),
      answered: iso(row.answered_at),
      dispatched: iso(row.dispatched_at),
      acknowledged: iso(row.acknowledged_at),
      enRoute: iso(row.en_route_at),
      onScene: iso(row.on_scene_at),
      resolved: iso(row.resolved_at),
      closed: iso(row.closed_at),
      callback: iso(row.callback_at),
    },
    mergedInto: row.merged_into,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
