import type { IncidentTimelineEntry } from '@ronghui/contracts';
import { STATUS_NAMES } from '@ronghui/dispatch';
import { useQuery } from '@tanstack/react-query';
import { Timeline } from 'antd';
import { fetchOrgGeojson } from '../../api/orgs-api.ts';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { useLocale, useT } from '../../i18n/i18n-context.tsx';
import { timelineText, type TimelineWords } from './timeline-text.ts';

/** Entries that are the field's own work (reports, notes, photos, backup) stand out from the console's. */
const colors: Record<string, string> = {
  'unit-status': 'green',
  note: 'cyan',
  photo: 'cyan',
  'backup-requested': 'red',
  'timer-warning': 'orange',
};

/** What happened to the incident, newest last, in words rather than event codes. */
export function IncidentTimeline({ entries }: { entries: readonly IncidentTimelineEntry[] }) {
  const t = useT();
  const { locale } = useLocale();
  const orgs = useQuery({ queryKey: ['orgs', 'geojson'], queryFn: fetchOrgGeojson, staleTime: 5 * 60_000 });
  const words: TimelineWords = {
    t,
    statusName: (status) => {
      const names = (STATUS_NAMES as Record<string, { zh: string; en: string }>)[status];
      return names ? (locale === 'zh-CN' ? names.zh : names.en) : status;
    },
    orgName: (id) =>
      orgs.data?.features.find((f) => f.properties.id === id)?.properties.name ?? String(id ?? ''),
  };
  return (
    <Timeline
      data-testid="incident-timeline"
      items={entries.map((e, i) => {
        const { what, note } = timelineText(e, words);
        return {
          key: `${e.at}-${i}`,
          color: colors[e.kind] ?? (e.toStatus ? 'blue' : 'gray'),
          content: (
            <span style={{ fontSize: 12 }} data-kind={e.kind}>
              {formatDateTime(e.at).slice(11)} · {what} · {e.actor}
              {note ? ` · ${note}` : ''}
            </span>
          ),
        };
      })}
    />
  );
}
