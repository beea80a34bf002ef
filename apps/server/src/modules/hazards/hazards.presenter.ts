import type { Hazard, HazardDetail, HazardPhoto } from '@ronghui/contracts';
import { actionsFrom, type HazardAction, type HazardKind, type HazardState } from '@ronghui/hazards';
import type { Principal } from '../../platform/auth/principal.ts';
import type { OrgDirectory } from '../orgs/index.ts';
import { ACTION_ROLES } from './hazard-access.ts';
import type { HazardEventRow, HazardRow, PHOTO_COLUMNS } from './hazards.repo.ts';

type PhotoRow = {
  [K in (typeof PHOTO_COLUMNS)[number]]: K extends 'created_at'
    ? Date | string
    : K extends 'size_bytes'
      ? number
      : string;
};

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

function named(dir: OrgDirectory, id: string | null) {
  if (!id) return null;
  const org = dir.get(id);
  return { id, name: org?.name ?? id };
}

/** What this caller may do next (by state and by role). */
export function actionsFor(principal: Principal, row: HazardRow): HazardAction[] {
  return actionsFrom(row.status as HazardState).filter((a) =>
    principal.roles.some((r) => ACTION_ROLES[a].includes(r)),
  );
}

export const presentPhoto = (r: PhotoRow): HazardPhoto => ({
  id: r.id,
  hazardId: r.hazard_id,
  contentType: r.content_type as HazardPhoto['contentType'],
  sizeBytes: r.size_bytes,
  sha256: r.sha256,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at).toISOString(),
  url: `/api/hazards/${r.hazard_id}/photos/${r.id}`,
});

export function presentHazard(
  principal: Principal,
  dir: OrgDirectory,
  row: HazardRow,
  photoCount: number,
): Hazard {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind as HazardKind,
    status: row.status as HazardState,
    description: row.description,
    lon: row.lon,
    lat: row.lat,
    address: row.address,
    grid: named(dir, row.grid_id),
    station: named(dir, row.station_id),
    responsible:
      row.responsible_kind && row.responsible_name
        ? {
            kind: row.responsible_kind as 'station' | 'village' | 'department',
            id: row.responsible_id,
            name: row.responsible_name,
          }
        : null,
    reportedBy: row.reported_by,
    reportedAt: iso(row.reported_at)!,
    registeredAt: iso(row.registered_at),
    deadlineAt: iso(row.deadline_at),
    closedAt: iso(row.closed_at),
    overdue: row.overdue as Hazard['overdue'],
    escalatedTo: named(dir, row.escalated_to),
    rating: row.rating as Hazard['rating'],
    incident: row.incident_id ? { id: row.incident_id, number: row.incident_number ?? '' } : null,
    fromIncident: row.from_incident_id
      ? { id: row.from_incident_id, number: row.from_incident_number ?? '' }
      : null,
    photoCount,
    actions: actionsFor(principal, row),
    updatedAt: iso(row.updated_at)!,
  };
}

export function presentDetail(
  principal: Principal,
  dir: OrgDirectory,
  row: HazardRow,
  timeline: HazardEventRow[],
  photos: PhotoRow[],
): HazardDetail {
  return {
    ...presentHazard(principal, dir, row, photos.length),
    timeline: timeline.map((e) => ({
      at: new Date(e.at).toISOString(),
      actor: e.actor,
      kind: e.kind,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      note: e.note,
      detail: e.detail,
    })),
    photos: photos.map(presentPhoto),
  };
}
