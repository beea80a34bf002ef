import type { IndicatorGroup, StatsIndicator } from '@ronghui/contracts';
import { statsApi, statsKeys } from '../../api/stats-api.ts';
import { useModuleQuery } from '../../app/use-module-query.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import { indicatorValue, useIndicatorLabel } from '../stats/index.ts';
import { ScreenEmpty, screenLabel } from './bigscreen-ui.tsx';

const COLOR: Record<StatsIndicator['unit'], string> = {
  count: '#e6f0ff',
  rate: '#95de64',
  seconds: '#7fd1ff',
  yuan: '#ffd666',
};

/** Indicator tiles: the figure in its unit over its name, in a grid of `columns`. */
export function IndicatorTiles({
  items,
  columns = 3,
  size = 30,
}: {
  items: readonly StatsIndicator[];
  columns?: number;
  size?: number;
}) {
  const label = useIndicatorLabel();
  return (
    <div
      style={{
        display: 'grid',
        gridTemplateColumns: `repeat(${columns}, 1fr)`,
        gap: '6px 12px',
        alignContent: 'center',
        height: '100%',
      }}
    >
      {items.map((i) => (
        <div key={i.key} style={{ minWidth: 0 }}>
          <div
            style={{ fontSize: size, fontWeight: 700, color: COLOR[i.unit], lineHeight: 1.15 }}
            data-testid={`bs-indicator-${i.key}`}
          >
            {indicatorValue(i.value, i.unit)}
          </div>
          <div style={{ ...screenLabel, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
            {label(i.key)}
          </div>
        </div>
      ))}
    </div>
  );
}

/** The year's indicators of one group (`GET /api/stats/indicators`), for the users who may read statistics. */
export function GroupIndicators({ group, year }: { group: IndicatorGroup; year: number }) {
  const t = useT();
  const q = { from: `${year}-01-01`, to: `${year}-12-31` };
  const ind = useModuleQuery({
    module: 'stats',
    queryKey: ['bigscreen', ...statsKeys.indicators(q)],
    queryFn: () => statsApi.indicators(q),
    refreshOn: 'incident.*',
  });
  const items = (ind.data?.items ?? []).filter((i) => i.group === group);
  if (items.length === 0)
    return <ScreenEmpty text={t('bigscreen.empty')} testId={`bs-indicators-${group}-none`} />;
  return (
    <div data-testid={`bs-indicators-${group}`} style={{ height: '100%' }}>
      <IndicatorTiles items={items} columns={items.length > 4 ? 3 : 2} size={36} />
    </div>
  );
}
