import type { Incident } from '@ronghui/contracts';
import { List, Space, Tag, Typography } from 'antd';
import { useLocale, useT } from '../../i18n/i18n-context.tsx';
import { arrivalLevel } from './incident-timers.tsx';
import { formatDuration } from '../../i18n/format-duration.ts';
import { priorityColors } from '../units/index.ts';
import { useNow } from '../../app/use-now.ts';

const levelTag = { ok: 'green', warning: 'orange', overdue: 'red', done: 'blue' } as const;

/** Open incidents, most urgent first, each with its arrival countdown. */
export function IncidentList({
  incidents,
  selectedId,
  onSelect,
}: {
  incidents: readonly Incident[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const now = useNow();
  const sorted = [...incidents].sort(
    (a, b) => a.priority - b.priority || Date.parse(b.createdAt) - Date.parse(a.createdAt),
  );
  return (
    <List<Incident>
      size="small"
      data-testid="incident-list"
      dataSource={sorted}
      locale={{ emptyText: t('dispatch.incidents.empty') }}
      renderItem={(i) => {
        const { level, left } = arrivalLevel(i, now);
        return (
          <List.Item
            onClick={() => onSelect(i.id)}
            style={{
              cursor: 'pointer',
              background: i.id === selectedId ? '#e6f4ff' : undefined,
              paddingInline: 8,
            }}
          >
            <div style={{ width: '100%' }}>
              <Space size={4} wrap>
                <Tag color={priorityColors[i.priority]}>{t(`dispatch.priority.${i.priority}`)}</Tag>
                <b>{i.number}</b>
                <Tag>{locale === 'zh-CN' ? i.statusName.zh : i.statusName.en}</Tag>
                {i.status !== 'resolved' && (
                  <Tag color={levelTag[level]}>
                    {level === 'done' ? `✓ ${formatDuration(i.targetSeconds - left)}` : formatDuration(left)}
                  </Tag>
                )}
              </Space>
              <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
                {locale === 'zh-CN' ? i.category.zh : i.category.en} ·{' '}
                {i.location.address ?? i.station?.name ?? ''} · {i.description}
              </Typography.Text>
            </div>
          </List.Item>
        );
      }}
    />
  );
}
