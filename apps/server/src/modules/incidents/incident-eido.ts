import { categoryByCode, categoryPath, type IncidentKind, type IncidentStatus } from '@ronghui/dispatch';
import { mask } from '../../platform/privacy/privacy.ts';
import type { TenantGeo } from './incident-context.ts';
import type { IncidentEventRow, IncidentRow } from './incidents.repo.ts';

/**
 * The incident as a NENA EIDO (Emergency Incident Data Object, NENA-STA-021) JSON document: one
 * incident component referring by id to its location, call and notes components, plus the emergency
 * resources (units) once dispatched. Registry texts follow the NENA registry naming where one exists;
 * the Chinese category goes in the internal code/text fields. The caller's number stays masked.
 */

const TYPE_REGISTRY: Record<IncidentKind, string> = {
  criminal: 'Law Enforcement/Crime',
  'public-order': 'Law Enforcement/Disturbance',
  traffic: 'Traffic/Incident',
  fire: 'Fire',
  assistance: 'Public Assistance',
  dispute: 'Law Enforcement/Dispute',
  report: 'Law Enforcement/Information',
  other: 'Other',
};

const STATUS_REGISTRY: Record<IncidentStatus, string> = {
  received: 'Pending',
  answered: 'Pending',
  dispatched: 'Dispatched',
  acknowledged: 'Acknowledged',
  'en-route': 'Enroute',
  'on-scene': 'OnScene',
  resolved: 'Cleared',
  closed: 'Closed',
  callback: 'Closed',
  merged: 'Merged',
};

/** A unit working the incident, as the units module reports it. */
export interface EmergencyResource {
  id: string;
  callsign: string;
  kind: string;
  stationId: string;
  status: string;
  position: { lon: number; lat: number; at: Date } | null;
}

const RESOURCE_STATUS: Record<string, string> = {
  committed: 'Dispatched',
  'en-route': 'Enroute',
  'on-scene': 'OnScene',
  staging: 'Staging',
  delayed: 'Delayed',
  returning: 'Returning',
};

export function buildEido(
  row: IncidentRow,
  timeline: readonly IncidentEventRow[],
  geo: TenantGeo,
  tenantCode: string,
  resources: readonly EmergencyResource[] = [],
) {
  const owner = `${tenantCode}.ronghui`;
  const updated = new Date(row.updated_at).toISOString();
  const ref = (kind: string, n = 0) => `urn:emergency:uid:${kind}:${row.id}:${n}:${owner}`;
  const category = categoryByCode(row.category_code);
  const division = (code: string | null) => (code ? (geo.divisions.get(code)?.name ?? null) : null);
  const place = row.place_id ? geo.places.get(row.place_id) : undefined;
  const station = row.station_id ? geo.dir.get(row.station_id) : undefined;
  const notes = [
    { at: new Date(row.received_at), author: 'caller', text: row.description },
    ...timeline.filter((e) => e.note).map((e) => ({ at: new Date(e.at), author: e.actor, text: e.note! })),
  ];
  const civicAddress = {
    country: 'CN',
    A3: geo.dir.root()?.name.replace(/公安局$/, '') ?? null,
    A4: division(row.township_code),
    A5: division(row.village_code),
    RD: row.road,
    HNO: row.house_number,
    NAM: place?.name ?? null,
  };
  return {
    eidoMessageIdentifier: `urn:emergency:uid:eido:${row.id}:${Date.parse(updated)}:${owner}`,
    lastUpdateTimeStamp: updated,
    incidentComponent: {
      componentIdentifier: ref('incident'),
      lastUpdateTimeStamp: updated,
      owningAgencyIdentifier: owner,
      incidentTrackingIdentifier: `urn:emergency:uid:incidentid:${row.number}:${owner}`,
      incidentTypeCommonRegistryText: [TYPE_REGISTRY[row.kind as IncidentKind] ?? 'Other'],
      incidentTypeInternalCode: row.category_code,
      incidentTypeInternalText: category
        ? categoryPath(category)
            .map((c) => c.zh)
            .join('/')
        : row.category_code,
      incidentStatusCommonRegistryText: [STATUS_REGISTRY[row.status as IncidentStatus] ?? 'Pending'],
      incidentStatusInternalText: [row.status],
      incidentCommonPriorityNumber: row.priority,
      incidentCreationTimeStamp: new Date(row.received_at).toISOString(),
      locationReference: [ref('location')],
      callReference: [ref('call')],
      notesReference: notes.map((_, i) => ref('note', i)),
      emergencyResourceReference: resources.map((_, i) => ref('resource', i)),
    },
    callComponent: [
      {
        componentIdentifier: ref('call'),
        lastUpdateTimeStamp: updated,
        callTypeDescriptionRegistryText: row.source === '110' ? 'Emergency' : 'Other',
        callSourceInternalText: row.source,
        callStartTimeStamp: new Date(row.received_at).toISOString(),
        callAnsweredTimeStamp: row.answered_at ? new Date(row.answered_at).toISOString() : null,
        callbackNumber: mask('phone', row.caller_phone),
        callerName: mask('name', row.caller_name),
        locationReference: [ref('location')],
      },
    ],
    locationComponent: [
      {
        componentIdentifier: ref('location'),
        lastUpdateTimeStamp: updated,
        locationTypeDescriptionRegistryText: 'IncidentLocation',
        civicAddressText:
          row.address ??
          [civicAddress.A3, civicAddress.A4, civicAddress.A5, civicAddress.NAM].filter(Boolean).join(''),
        civicAddress,
        geoPoint: {
          type: 'Point' as const,
          coordinates: [row.lon, row.lat] as [number, number],
          crs: 'EPSG:4326',
        },
        locationConfidencePercent: Math.round(row.confidence * 100),
      },
    ],
    notesComponent: notes.map((n, i) => ({
      componentIdentifier: ref('note', i),
      noteDateTimeStamp: n.at.toISOString(),
      notesActionCommonRegistryText: 'Comment',
      notesText: n.text,
      authorReference: n.author,
    })),
    agencyComponent: station
      ? [{ componentIdentifier: ref('agency'), agencyIdentifier: station.code, agencyName: station.name }]
      : [],
    emergencyResourceComponent: resources.map((r, i) => ({
      componentIdentifier: ref('resource', i),
      lastUpdateTimeStamp: r.position ? r.position.at.toISOString() : updated,
      emergencyResourceIdentifier: r.callsign,
      emergencyResourceTypeInternalText: r.kind,
      owningAgencyIdentifier: geo.dir.get(r.stationId)?.code ?? r.stationId,
      emergencyResourceStatusCommonRegistryText: RESOURCE_STATUS[r.status] ?? 'Available',
      emergencyResourceStatusInternalText: r.status,
      geoPoint: r.position
        ? {
            type: 'Point' as const,
            coordinates: [r.position.lon, r.position.lat] as [number, number],
            crs: 'EPSG:4326',
          }
        : null,
    })),
  };
}
export type EidoDocument = ReturnType<typeof buildEido>;
