import type { IndicatorGroup } from '@ronghui/contracts';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { BigScreenMap } from './bigscreen-dispatch-board.tsx';
import { GroupIndicators } from './bigscreen-indicators.tsx';
import { Panel } from './bigscreen-ui.tsx';

/**
 * A module's page: its live panel (the same one 指挥调度 shows, given room), the year's indicators of its
 * group from the statistics, and the county's live map.
 */
export function ModuleBoard({
  title,
  panel,
  group,
  year,
  now,
  testId,
}: {
  title: MessageKey;
  panel: ReactNode;
  group: IndicatorGroup | null;
  year: number;
  now: number;
  testId: string;
}) {
  const t = useT();
  return (
    <main
      data-testid={testId}
      style={{ display: 'grid', gridTemplateRows: '340px 1fr', gap: 12, minHeight: 0 }}
    >
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: group ? '1fr 1.3fr' : '1fr',
          gap: 12,
          minHeight: 0,
        }}
      >
        <Panel title={t(title)}>{panel}</Panel>
        {group && (
          <Panel
            title={t('bigscreen.module.indicators', { year, module: t(`stats.indicatorGroup.${group}`) })}
          >
            <GroupIndicators group={group} year={year} />
          </Panel>
        )}
      </div>
      <BigScreenMap now={now} />
    </main>
  );
}
