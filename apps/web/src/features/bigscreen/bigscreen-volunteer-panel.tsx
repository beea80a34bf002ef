import { useQuery } from '@tanstack/react-query';
import type { CSSProperties } from 'react';
import { calloutsApi } from '../../api/callouts-api.ts';
import { volunteersApi } from '../../api/volunteers-api.ts';
import { useLiveEvents } from '../../app/live-channel.tsx';
import { useQueryClient } from '@tanstack/react-query';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { volunteerFigures, type VolunteerFigure } from './volunteer-figures.ts';

const label: CSSProperties = { fontSize: 14, color: '#9fc3f0', whiteSpace: 'nowrap' };
const big: CSSProperties = { fontSize: 28, fontWeight: 700, color: '#ffffff', lineHeight: 1.2 };

const LABEL: Record<VolunteerFigure, MessageKey> = {
  members: 'bigscreen.volunteers.members',
  onDutyNow: 'bigscreen.volunteers.onDuty',
  teams: 'bigscreen.volunteers.teams',
  patrols: 'bigscreen.volunteers.patrols',
  mediations: 'bigscreen.volunteers.mediations',
  rescues: 'bigscreen.volunteers.rescues',
  arrestAssists: 'bigscreen.volunteers.arrestAssists',
};
const COLOR: Partial<Record<VolunteerFigure, string>> = { onDutyNow: '#95de64' };

/**
 * 群防群治 on the big screen: members, on duty now, teams, and the year's patrols, mediations, rescues and
 * arrest assists when the stats answer has them (`GET /api/volunteers/stats`), and the 一呼百应 call-outs open
 * now (live on `callout.changed`).
 */
export function VolunteerPanel() {
  const t = useT();
  const queryClient = useQueryClient();
  const stats = useQuery({
    queryKey: ['bigscreen', 'volunteer-stats'],
    queryFn: () => volunteersApi.stats(),
    refetchInterval: 60_000,
    retry: false,
  });
  const open = useQuery({
    queryKey: ['bigscreen', 'callouts-open'],
    queryFn: () => calloutsApi.list(true),
    refetchInterval: 30_000,
    retry: false,
  });
  useLiveEvents('callout.changed', () => {
    void queryClient.invalidateQueries({ queryKey: ['bigscreen', 'callouts-open'] });
  });
  if (!stats.data) return null;
  const figures = volunteerFigures(stats.data);
  return (
    <div
      data-testid="bigscreen-volunteers"
      style={{
        display: 'flex',
        justifyContent: 'space-around',
        alignItems: 'center',
        gap: 12,
        height: '100%',
      }}
    >
      {figures.map((f) => (
        <div key={f.key} style={{ textAlign: 'center', minWidth: 0 }}>
          <div style={label}>{t(LABEL[f.key])}</div>
          <div style={{ ...big, color: COLOR[f.key] ?? big.color }} data-testid={`bs-vol-${f.key}`}>
            {f.value.toLocaleString('zh-CN')}
          </div>
        </div>
      ))}
      {open.data && (
        <div style={{ textAlign: 'center', minWidth: 0 }}>
          <div style={label}>{t('bigscreen.volunteers.openCallouts')}</div>
          <div
            style={{ ...big, color: open.data.total > 0 ? '#ff7875' : big.color }}
            data-testid="bs-vol-open-callouts"
          >
            {open.data.total}
          </div>
        </div>
      )}
    </div>
  );
}
