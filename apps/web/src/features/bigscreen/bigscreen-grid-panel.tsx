import type { GridStatsUnit } from '@ronghui/contracts';
import { useQuery } from '@tanstack/react-query';
import type { CSSProperties, ReactNode } from 'react';
import { chinaYear, concludedRate, gridStatsApi } from '../../api/grid-stats-api.ts';
import { useT } from '../../i18n/i18n-context.tsx';

const RISK = { red: '#ff4d4f', yellow: '#ffc53d', blue: '#40a9ff' } as const;
const label: CSSProperties = { fontSize: 14, color: '#9fc3f0' };
const big: CSSProperties = { fontSize: 26, fontWeight: 700, color: '#ffffff', lineHeight: 1.2 };

/** A rate as a percentage, or a dash when nothing has been concluded yet. */
function rateText(u: GridStatsUnit, rate: 'successRate' | 'onTimeRate'): string {
  const r = concludedRate(u, rate);
  return r === null ? '—' : `${Math.round(r * 1000) / 10}%`;
}

function Cell({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div style={{ display: 'flex', flexDirection: 'column', justifyContent: 'center', minWidth: 0 }}>
      <div style={label}>{title}</div>
      <div style={big}>{children}</div>
    </div>
  );
}

/**
 * 网格治理 on the big screen: the county's grids and "1+2+N" staff, open and overdue hazards, this year's
 * disputes by risk and how mediation went (the figures of `GET /api/grid/stats`).
 */
export function GridGovernancePanel({ year }: { year: number }) {
  const t = useT();
  const all = useQuery({
    queryKey: ['bigscreen', 'grid-stats'],
    queryFn: () => gridStatsApi.stats({ level: 'county', top: 1 }),
    refetchInterval: 60_000,
  });
  const thisYear = useQuery({
    queryKey: ['bigscreen', 'grid-stats', year],
    queryFn: () => gridStatsApi.stats({ level: 'county', top: 1, ...chinaYear(year) }),
    refetchInterval: 5 * 60_000,
  });
  const u = all.data?.unit;
  const y = thisYear.data?.unit;
  if (!u || !y) return null;
  const n = u.rosters.assistant + u.rosters.fullTime + u.rosters.partTime;
  return (
    <div
      data-testid="bigscreen-grid"
      style={{
        display: 'grid',
        gridTemplateColumns: '1fr 1fr',
        gridTemplateRows: '1fr 1fr 1fr',
        gap: '4px 12px',
        height: '100%',
      }}
    >
      <Cell title={t('bigscreen.grid.grids')}>
        <span data-testid="bs-grid-police">{u.grids.police}</span>
        <span style={{ color: '#9fc3f0' }}> / </span>
        <span data-testid="bs-grid-community">{u.grids.community}</span>
      </Cell>
      <Cell title={t('bigscreen.grid.roster')}>
        <span data-testid="bs-grid-roster" style={{ fontSize: 22 }}>
          {u.rosters.communityOfficer}+{u.rosters.auxiliary}+{n}
        </span>
      </Cell>
      <Cell title={t('bigscreen.grid.hazardsOpen')}>
        <span data-testid="bs-grid-hazards-open">{u.hazards.open}</span>
        <span style={{ fontSize: 16, color: '#ff7875', marginLeft: 10 }}>
          {t('bigscreen.grid.hazardsOverdue')}{' '}
          <span data-testid="bs-grid-hazards-overdue">{u.hazards.overdue}</span>
        </span>
      </Cell>
      <Cell title={t('bigscreen.grid.disputes', { year })}>
        <span style={{ whiteSpace: 'nowrap' }}>
          <span data-testid="bs-grid-disputes" style={{ fontSize: 22 }}>
            {y.disputes.total}
          </span>
          <span style={{ fontSize: 14, fontWeight: 600, marginLeft: 8 }}>
            {(['red', 'yellow', 'blue'] as const).map((r) => (
              <span key={r} data-testid={`bs-grid-${r}`} style={{ color: RISK[r], marginRight: 6 }}>
                ●{y.disputes.byRisk[r]}
              </span>
            ))}
          </span>
        </span>
      </Cell>
      <Cell title={t('bigscreen.grid.success')}>
        <span data-testid="bs-grid-success" style={{ color: '#95de64' }}>
          {rateText(y, 'successRate')}
        </span>
      </Cell>
      <Cell title={t('bigscreen.grid.onTime')}>
        <span data-testid="bs-grid-ontime" style={{ color: '#ffd666' }}>
          {rateText(y, 'onTimeRate')}
        </span>
      </Cell>
    </div>
  );
}
