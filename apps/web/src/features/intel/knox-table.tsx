import type { IntelNearRepeat } from '@ronghui/contracts';
import { Table, Typography } from 'antd';
import { useT } from '../../i18n/i18n-context.tsx';

interface Row {
  key: number;
  band: string;
  cells: { ratio: number | null; p: number; observed: number }[];
}

/** Knox ratios per distance band (rows) and time band (columns); significant cells in bold. */
export function KnoxTable({ result }: { result: IntelNearRepeat }) {
  const t = useT();
  const rows: Row[] = result.spaceLabels.map((band, s) => ({
    key: s,
    band,
    cells: result.timeLabels.map((_, k) => ({
      ratio: result.ratio[s]?.[k] ?? null,
      p: result.p[s]?.[k] ?? 1,
      observed: result.observed[s]?.[k] ?? 0,
    })),
  }));
  return (
    <>
      <Table<Row>
        size="small"
        pagination={false}
        dataSource={rows}
        data-testid="intel-knox"
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('intel.knox.distance'), dataIndex: 'band', key: 'band' },
          ...result.timeLabels.map((label, k) => ({
            title: `${label} ${t('intel.knox.days')}`,
            key: label,
            render: (_: unknown, row: Row) => {
              const c = row.cells[k];
              if (!c) return '—';
              const text = `${c.ratio === null ? '—' : c.ratio.toFixed(2)} (${c.observed}, p=${c.p.toFixed(2)})`;
              return c.p < 0.05 ? <Typography.Text strong>{text}</Typography.Text> : text;
            },
          })),
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('intel.knox.note', { events: result.events, iterations: result.iterations })}
      </Typography.Paragraph>
    </>
  );
}
