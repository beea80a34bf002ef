import type {
  DisputeAgreement,
  DisputeDetail,
  DisputeKind,
  DisputeMediator,
  DisputeMeeting,
  DisputeRisk,
  DisputeStatus,
  DisputeSummary,
} from '@ronghui/contracts';
import { mask } from '../../platform/privacy/privacy.ts';
import type { OrgDirectory } from '../orgs/index.ts';
import { clockFlags } from './dispute-rules.ts';
import type { DisputeEventRow, DisputePartyRow, DisputeRow } from './disputes.repo.ts';

const iso = (d: Date | string) => new Date(d).toISOString();
const orgRef = (dir: OrgDirectory, id: string | null) => {
  const org = id ? dir.get(id) : undefined;
  return org ? { id: org.id, name: org.name } : null;
};

export function presentDispute(row: DisputeRow, dir: OrgDirectory, now: Date): DisputeSummary {
  const status = row.status as DisputeStatus;
  const due = new Date(row.due_at);
  return {
    id: row.id,
    number: row.number,
    kind: row.kind as DisputeKind,
    risk: row.risk as DisputeRisk,
    status,
    description: row.description,
    address: row.address,
    lon: row.lon,
    lat: row.lat,
    grid: orgRef(dir, row.grid_id),
    station: orgRef(dir, row.station_id),
    registeredAt: iso(row.registered_at),
    dueAt: iso(due),
    ...clockFlags({ status, dueAt: due }, now),
    concludedAt: row.concluded_at ? iso(row.concluded_at) : null,
    demo: row.demo,
  };
}

/** Personal fields masked (张*, 138****1234, 110105********002X): the reveal route gives full values. */
export function presentParty(p: DisputePartyRow) {
  return {
    id: p.id,
    name: mask('name', p.name) ?? '',
    phone: mask('phone', p.phone),
    idNumber: mask('id-number', p.id_number),
  };
}

export function presentDetail(
  row: DisputeRow,
  parties: DisputePartyRow[],
  events: DisputeEventRow[],
  dir: OrgDirectory,
  now: Date,
): DisputeDetail {
  // Parties named among the attendees are masked like the parties themselves.
  const partyNames = new Set(parties.map((p) => p.name));
  const meetings: DisputeMeeting[] = events
    .filter((e) => e.kind === 'meeting')
    .map((e) => {
      const d = e.detail as Partial<DisputeMeeting>;
      return {
        at: iso(d.at ?? e.at),
        place: d.place ?? '',
        attendees: (d.attendees ?? []).map((a) => (partyNames.has(a) ? (mask('name', a) ?? a) : a)),
        summary: d.summary ?? '',
        outcome: d.outcome ?? '',
      };
    });
  const followUps = events
    .filter((e) => e.kind === 'follow-up')
    .map((e) => ({ at: iso(e.at), by: e.actor, note: e.note ?? '' }));
  const agreement = row.agreement as DisputeAgreement | null;
  return {
    ...presentDispute(row, dir, now),
    parties: parties.map(presentParty),
    mediators: row.mediators as DisputeMediator[],
    referral: (row.referral as DisputeDetail['referral']) ?? null,
    agreement: agreement ? { ...agreement, performBy: agreement.performBy ?? null } : null,
    meetings,
    followUps,
    timeline: events.map((e) => ({
      at: iso(e.at),
      actor: e.actor,
      kind: e.kind,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      note: e.note,
      detail: e.detail,
    })),
  };
}
