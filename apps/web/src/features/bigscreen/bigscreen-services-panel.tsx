import type { CSSProperties } from 'react';
import { servicesApi, servicesKeys } from '../../api/services-api.ts';
import { useModuleQuery } from '../../app/use-module-query.ts';
import { useT } from '../../i18n/i18n-context.tsx';

const label: CSSProperties = { fontSize: 13, color: '#9fc3f0', whiteSpace: 'nowrap' };
const value: CSSProperties = { fontSize: 26, fontWeight: 700, lineHeight: 1.1 };

const pct = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
const mins = (seconds: number | null) => (seconds === null ? '—' : `${Math.ceil(seconds / 60)}′`);

/** 政务服务 on the big screen: this year's on-time and satisfaction rates, visits and waits of the halls. */
export function ServicesPanel({ year }: { year: number }) {
  const t = useT();
  const stats = useModuleQuery({
    module: 'services',
    queryKey: ['bigscreen', ...servicesKeys.stats(String(year))],
    queryFn: () => servicesApi.stats({ year }),
    refreshOn: 'services.*',
  });
  if (!stats.allowed || !stats.data)
    return (
      <div style={{ ...label, whiteSpace: 'normal', padding: '8px 0' }} data-testid="bigscreen-services-none">
        {t(stats.allowed ? 'bigscreen.services.loading' : 'bigscreen.services.noAccess')}
      </div>
    );
  const s = stats.data;
  const figures = [
    ['onTime', pct(s.onTimeRate), '#95de64'],
    ['satisfaction', pct(s.satisfactionRate), '#ffd666'],
    ['visits', String(s.visits), '#e6f0ff'],
    ['wait', `${mins(s.waitP50Seconds)} / ${mins(s.waitP90Seconds)}`, '#7fd1ff'],
  ] as const;
  return (
    <div
      data-testid="bigscreen-services"
      style={{
        display: 'grid',
        gridTemplateColumns: '1fr 1fr',
        gap: 8,
        alignContent: 'center',
        height: '100%',
      }}
    >
      {figures.map(([key, v, color]) => (
        <div key={key} data-testid={`bigscreen-services-${key}`}>
          <div style={{ ...value, color }}>{v}</div>
          <div style={label}>{t(`bigscreen.services.${key}`)}</div>
        </div>
      ))}
    </div>
  );
}
