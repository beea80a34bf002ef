import type { Unit } from '@ronghui/contracts';
import { UNIT_STATUS_NAMES, UNIT_STATUSES, type UnitStatus } from '@ronghui/dispatch';
import { Badge, Input, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useLocale, useT } from '../../i18n/i18n-context.tsx';
import { unitStatusColors } from './unit-icons.ts';

export interface UnitBoardProps {
  units: readonly Unit[];
  onLocate: (unit: Unit) => void;
  selectedId: string | null;
}

/** Every unit of the scope by state: counts to filter by, a row per unit to find it on the map. */
export function UnitBoard({ units, onLocate, selectedId }: UnitBoardProps) {
  const t = useT();
  const { locale } = useLocale();
  const [status, setStatus] = useState<UnitStatus | null>(null);
  const [q, setQ] = useState('');
  const counts = useMemo(() => {
    const c = new Map<UnitStatus, number>();
    for (const u of units) c.set(u.status, (c.get(u.status) ?? 0) + 1);
    return c;
  }, [units]);
  const rows = units
    .filter(
      (u) => (!status || u.status === status) && (!q || u.callsign.includes(q) || u.stationName.includes(q)),
    )
    .sort((a, b) => a.stationName.localeCompare(b.stationName) || a.callsign.localeCompare(b.callsign));
  return (
    <div data-testid="unit-board">
      <Space wrap size={4} style={{ marginBottom: 8 }}>
        {UNIT_STATUSES.filter((s) => counts.has(s)).map((s) => (
          <Tag.CheckableTag key={s} checked={status === s} onChange={(on) => setStatus(on ? s : null)}>
            <Badge
              color={unitStatusColors[s]}
              text={`${UNIT_STATUS_NAMES[s][locale === 'zh-CN' ? 'zh' : 'en']} ${counts.get(s)}`}
            />
          </Tag.CheckableTag>
        ))}
      </Space>
      <Input.Search
        size="small"
        allowClear
        placeholder={t('dispatch.units.search')}
        onChange={(e) => setQ(e.target.value)}
      />
      <Table<Unit>
        size="small"
        rowKey="id"
        dataSource={rows}
        pagination={{ pageSize: 50, size: 'small', hideOnSinglePage: true }}
        scroll={{ x: 340 }}
        onRow={(u) => ({ onClick: () => onLocate(u), style: { cursor: 'pointer' } })}
        rowClassName={(u) => (u.id === selectedId ? 'ant-table-row-selected' : '')}
        columns={[
          { title: t('dispatch.units.callsign'), render: (_, u) => <b>{u.callsign}</b>, width: 80 },
          { title: t('dispatch.units.station'), render: (_, u) => u.stationName },
          {
            title: t('dispatch.units.status'),
            width: 96,
            render: (_, u) => (
              <Badge
                color={unitStatusColors[u.status]}
                text={UNIT_STATUS_NAMES[u.status]?.[locale === 'zh-CN' ? 'zh' : 'en'] ?? u.status}
              />
            ),
          },
          {
            title: t('dispatch.units.duty'),
            width: 56,
            render: (_, u) =>
              u.onDuty ? (
                <Tag color="blue">{t('dispatch.units.onDuty')}</Tag>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
        ]}
      />
    </div>
  );
}
