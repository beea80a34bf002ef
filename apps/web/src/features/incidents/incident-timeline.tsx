import type { IncidentTimelineEntry } from '@ronghui/contracts';
import { STATUS_NAMES } from '@ronghui/dispatch';
import { useQuery } from '@tanstack/react-query';
import { Timeline } from 'antd';
import { fetchOrgGeojson } from '../../api/orgs-api.ts';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { useLocale, useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';

const linkRoles: Record<string, MessageKey> = {
  requested: 'dispatch.timeline.requested',
  responding: 'dispatch.timeline.responding',
  escalated: 'dispatch.timeline.escalated',
};

/** What happened to the incident, newest last, in words rather than event codes. */
export function IncidentTimeline({ entries }: { entries: readonly IncidentTimelineEntry[] }) {
  const t = useT();
  const { locale } = useLocale();
  const orgs = useQuery({ queryKey: ['orgs', 'geojson'], queryFn: fetchOrgGeojson, staleTime: 5 * 60_000 });
  const orgName = (id: unknown) =>
    orgs.data?.features.find((f) => f.properties.id === id)?.properties.name ?? String(id ?? '');
  const say = (e: IncidentTimelineEntry): string => {
    if (e.toStatus) {
      const names = (STATUS_NAMES as Record<string, { zh: string; en: string }>)[e.toStatus];
      return names ? (locale === 'zh-CN' ? names.zh : names.en) : e.toStatus;
    }
    if (e.kind === 'org-linked') {
      const role = linkRoles[String(e.detail?.role)] ?? 'dispatch.timeline.linked';
      return t(role, { org: orgName(e.detail?.orgId) });
    }
    return e.kind;
  };
  return (
    <Timeline
      data-testid="incident-timeline"
      items={entries.map((e, i) => ({
        key: `${e.at}-${i}`,
        color: e.toStatus ? 'blue' : 'gray',
        content: (
          <span style={{ fontSize: 12 }}>
            {formatDateTime(e.at).slice(11)} · {say(e)} · {e.actor}
            {e.note ? ` · ${e.note}` : ''}
          </span>
        ),
      }))}
    />
  );
}
