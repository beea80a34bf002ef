import type { IncidentSettings } from '@ronghui/contracts';
import {
  buildGazetteer,
  DEFAULT_ZONE_SETTINGS,
  type Gazetteer,
  type GazetteerEntry,
  type ZoneSettings,
} from '@ronghui/dispatch';
import type { LngLat } from '@ronghui/geo';
import type { Kysely, Selectable } from 'kysely';
import type { DB, DivisionsTable, PlacesTable } from '../../platform/db/schema.ts';
import type { OrgDirectory } from '../orgs/index.ts';
import type { IncidentsRepo, SettingsRow } from './incidents.repo.ts';

export type DivisionRow = Selectable<DivisionsTable>;
export type PlaceRow = Selectable<PlacesTable>;

/** Zones, arrival targets and the duplicate rule of a tenant, as the API shows them. */
export type DispatchSettings = IncidentSettings;

/** Without a settings row: the defaults of DOMAIN-RULES, and no county town (everything rural). */
export function settingsOf(row: SettingsRow | undefined): DispatchSettings {
  return {
    countyTownCodes: row?.county_town_codes ?? [],
    countyTownRadiusMeters: row?.county_town_radius_m ?? DEFAULT_ZONE_SETTINGS.countyTownRadiusM,
    suburbRadiusMeters: row?.suburb_radius_m ?? DEFAULT_ZONE_SETTINGS.suburbRadiusM,
    targetSeconds: {
      countyTown: row?.target_county_town_s ?? DEFAULT_ZONE_SETTINGS.targetSeconds['county-town'],
      suburb: row?.target_suburb_s ?? DEFAULT_ZONE_SETTINGS.targetSeconds.suburb,
      rural: row?.target_rural_s ?? DEFAULT_ZONE_SETTINGS.targetSeconds.rural,
    },
    duplicateRadiusMeters: row?.duplicate_radius_m ?? 500,
    duplicateWindowMinutes: Math.round((row?.duplicate_window_s ?? 1800) / 60),
  };
}

/** What intake and presentation need to know about one tenant's geography and organisation. */
export interface TenantGeo {
  dir: OrgDirectory;
  divisions: Map<string, DivisionRow>;
  places: Map<string, PlaceRow>;
  gazetteer: Gazetteer;
  settings: DispatchSettings;
  zoneSettings: ZoneSettings;
}

/** The slowly changing part (gazetteer, settings); the org directory comes from the orgs module. */
export type TenantGazetteer = Omit<TenantGeo, 'dir'>;

export async function loadTenantGazetteer(
  db: Kysely<DB>,
  repo: IncidentsRepo,
  tenantCode: string,
): Promise<TenantGazetteer> {
  const [divisionRows, placeRows, settingsRow] = await Promise.all([
    repo.divisions(db, tenantCode),
    repo.places(db, tenantCode),
    repo.settings(db, tenantCode),
  ]);
  const divisions = new Map(divisionRows.map((d) => [d.code, d]));
  const places = new Map(placeRows.map((p) => [p.id, p]));
  const entries: GazetteerEntry[] = [
    ...divisionRows.map(
      (d): GazetteerEntry => ({
        kind: d.level,
        code: d.code,
        name: d.name,
        townshipCode: d.level === 'township' ? d.code : (d.parent_code ?? ''),
        position: [d.lon, d.lat] as LngLat,
      }),
    ),
    ...placeRows.map(
      (p): GazetteerEntry => ({
        kind: 'place',
        code: p.id,
        name: p.name,
        aliases: p.aliases,
        townshipCode: p.township_code,
        villageCode: p.village_code,
        position: [p.lon, p.lat] as LngLat,
      }),
    ),
  ];
  const settings = settingsOf(settingsRow);
  const seats = settings.countyTownCodes
    .map((c) => divisions.get(c))
    .filter((d): d is DivisionRow => d !== undefined)
    .map((d) => [d.lon, d.lat] as LngLat);
  return {
    divisions,
    places,
    gazetteer: buildGazetteer(entries),
    settings,
    zoneSettings: {
      countyTownSeats: seats,
      countyTownRadiusM: settings.countyTownRadiusMeters,
      suburbRadiusM: settings.suburbRadiusMeters,
      targetSeconds: {
        'county-town': settings.targetSeconds.countyTown,
        suburb: settings.targetSeconds.suburb,
        rural: settings.targetSeconds.rural,
      },
    },
  };
}
