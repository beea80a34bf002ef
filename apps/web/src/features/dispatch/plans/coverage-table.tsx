import type { CoverageRow } from '@ronghui/contracts';
import { Alert, Badge, Space, Table, Typography } from 'antd';
import { useEffect } from 'react';
import { describeError } from '../../../api/describe-error.ts';
import { formatDateTime } from '../../../i18n/format-datetime.ts';
import { useT } from '../../../i18n/i18n-context.tsx';
import { coverageColors } from './overlay-layers.ts';
import { usePatrol } from './patrol-state.tsx';

export const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** Shares of people and villages the available units reach in 3/5/10 minutes, by joint area and county. */
export function CoverageTable() {
  const t = useT();
  const { coverage, wantCoverage } = usePatrol();
  useEffect(() => {
    wantCoverage('panel', true);
    return () => wantCoverage('panel', false);
  }, [wantCoverage]);
  const data = coverage.data;
  return (
    <div data-testid="coverage-panel">
      {coverage.isError && <Alert type="error" showIcon title={describeError(coverage.error, t)} />}
      <Space size={8} wrap style={{ fontSize: 12, marginBottom: 6 }}>
        {([3, 5, 10] as const).map((m) => (
          <Badge key={m} color={coverageColors[m]} text={t('dispatch.coverage.within', { n: m })} />
        ))}
        <Badge color={coverageColors.later} text={t('dispatch.coverage.later')} />
        <Badge color={coverageColors.none} text={t('dispatch.coverage.unreached')} />
      </Space>
      {data && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 6 }}>
          {t('dispatch.coverage.basis', { units: data.availableUnits, at: formatDateTime(data.at) })}
        </Typography.Paragraph>
      )}
      <Table<CoverageRow>
        size="small"
        data-testid="coverage-table"
        loading={coverage.isLoading}
        rowKey="key"
        pagination={false}
        dataSource={data?.rows ?? []}
        scroll={{ x: 'max-content' }}
        onRow={(r) => ({ 'data-area': r.key }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('dispatch.coverage.area'),
            render: (_, r) => (
              <div>
                <Typography.Text strong={r.key === 'all'}>
                  {r.key === 'all' ? t('dispatch.coverage.county') : r.name}
                </Typography.Text>
                <div style={{ fontSize: 11, color: 'rgba(0,0,0,.45)' }}>
                  {t('dispatch.coverage.size', {
                    villages: r.villages,
                    people: r.population.toLocaleString(),
                  })}
                </div>
              </div>
            ),
          },
          ...(data?.minutes ?? [3, 5, 10]).map((m, i) => ({
            title: t('dispatch.coverage.within', { n: m }),
            key: `m${m}`,
            render: (_: unknown, r: CoverageRow) => {
              const w = r.within[i];
              if (!w) return '—';
              return (
                <div data-minutes={m} data-testid="coverage-cell">
                  <div data-share="population">{percent(w.populationShare)}</div>
                  <div data-share="villages" style={{ fontSize: 11, color: 'rgba(0,0,0,.45)' }}>
                    {t('dispatch.coverage.villages', { n: w.villages, of: r.villages })}
                  </div>
                </div>
              );
            },
          })),
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 11, marginTop: 6 }}>
        {t('dispatch.coverage.note')}
      </Typography.Paragraph>
    </div>
  );
}
