import type { IncidentTimelineEntry } from '@ronghui/contracts';
import { UNIT_STATUSES, type UnitStatus } from '@ronghui/dispatch';
import type { Translate } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';

/** What a timeline line needs to know besides the entry: the words, and names of statuses and orgs. */
export interface TimelineWords {
  t: Translate;
  /** The incident status's name in the console's language (the code itself when unknown). */
  statusName: (status: string) => string;
  orgName: (orgId: unknown) => string;
}

/** One timeline entry in words: what happened, and the note that goes with it (null when none or already said). */
export interface TimelineText {
  what: string;
  note: string | null;
}

const linkRoles: Record<string, MessageKey> = {
  requested: 'dispatch.timeline.requested',
  responding: 'dispatch.timeline.responding',
  escalated: 'dispatch.timeline.escalated',
};

const timerWarnings: Record<string, MessageKey> = {
  'dispatch-overdue': 'dispatch.timeline.dispatchOverdue',
  'arrival-warning': 'dispatch.timeline.arrivalWarning',
  'arrival-overdue': 'dispatch.timeline.arrivalOverdue',
};

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** A unit state's name in the console's language (the code itself when the console does not know it). */
export function unitStatusName(t: Translate, status: string): string {
  return (UNIT_STATUSES as readonly string[]).includes(status)
    ? t(`dispatch.unitStatus.${status as UnitStatus}`)
    : status;
}

/** The timeline in words rather than event codes (`unit-status` → 杨梅01 到达现场). */
export function timelineText(e: IncidentTimelineEntry, words: TimelineWords): TimelineText {
  const { t } = words;
  const d = e.detail ?? {};
  const unit = text(d.callsign);
  switch (e.kind) {
    case 'unit-status':
      return {
        what: t('dispatch.timeline.unitStatus', {
          unit: unit ?? String(d.unitId ?? ''),
          status: unitStatusName(t, String(d.status ?? '')),
        }),
        note: e.note,
      };
    case 'backup-requested': {
      // Who asks: the unit named in the request, else the officer.
      const asked = t('dispatch.timeline.backup', { n: Number(d.quantity ?? 0), reason: e.note ?? '' });
      return { what: `${unit ?? e.actor} ${asked}`, note: null };
    }
    case 'note':
      return { what: t('dispatch.timeline.note', { text: e.note ?? '' }), note: null };
    case 'photo':
      return { what: t('dispatch.timeline.photo'), note: e.note };
    case 'timer-warning': {
      const key = timerWarnings[String(d.warning)];
      return { what: key ? t(key) : e.kind, note: e.note };
    }
    case 'org-linked':
      return {
        what: t(linkRoles[String(d.role)] ?? 'dispatch.timeline.linked', { org: words.orgName(d.orgId) }),
        note: e.note,
      };
    case 'grid-case':
      return {
        what: t('hazards.incidentTimeline.gridCase', { number: String(d.hazardNumber ?? '') }),
        note: e.note,
      };
    case 'grid-case-closed':
      return {
        what: t('hazards.incidentTimeline.gridCaseClosed', { number: String(d.hazardNumber ?? '') }),
        note: e.note,
      };
    case 'from-hazard':
      return {
        what: t('hazards.incidentTimeline.fromHazard', { number: String(d.hazardNumber ?? '') }),
        note: e.note,
      };
    case 'merged':
      return { what: t('dispatch.timeline.merged', { number: String(d.fromNumber ?? '') }), note: e.note };
    case 'merged-into':
      return {
        what: t('dispatch.timeline.mergedInto', { number: String(d.intoNumber ?? '') }),
        note: e.note,
      };
  }
  if (e.toStatus) {
    const status = words.statusName(e.toStatus);
    // The first unit en route or on scene moves the incident on: say which one.
    return { what: unit ? t('dispatch.timeline.statusBy', { status, unit }) : status, note: e.note };
  }
  return { what: e.kind, note: e.note };
}
