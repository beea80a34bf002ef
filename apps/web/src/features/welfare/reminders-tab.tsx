import { useQuery } from '@tanstack/react-query';
import { Radio, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { type WelfareReminder, welfareApi, welfareKeys } from '../../api/welfare-api.ts';
import { LoadError } from '../../app/load-error.tsx';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';

const KINDS = [
  'injury-unvisited',
  'holiday',
  'health-check-overdue',
  'health-check-due',
  'schooling-open',
] as const;
const COLORS: Record<(typeof KINDS)[number], string> = {
  'injury-unvisited': 'red',
  holiday: 'gold',
  'health-check-overdue': 'volcano',
  'health-check-due': 'orange',
  'schooling-open': 'blue',
};

/** 提醒: what needs doing: visits owed for injuries, coming holidays, health checks overdue or due, open schooling. */
export function RemindersTab() {
  const t = useT();
  const [kind, setKind] = useState<string>('all');
  const reminders = useQuery({ queryKey: welfareKeys.reminders, queryFn: welfareApi.reminders });
  if (reminders.isError)
    return <LoadError error={reminders.error} onRetry={() => void reminders.refetch()} />;
  const r = reminders.data;
  const items = (r?.items ?? []).filter((x) => kind === 'all' || x.kind === kind);
  return (
    <div data-testid="wf-reminders">
      <Space wrap style={{ marginBottom: 12 }}>
        <Radio.Group
          value={kind}
          optionType="button"
          onChange={(e) => setKind(e.target.value)}
          options={[
            { value: 'all', label: `${t('wf.all')} ${r?.total ?? ''}` },
            ...KINDS.map((k) => ({
              value: k,
              label: `${t(`wf.reminder.${k}` as MessageKey)} ${r?.counts[k] ?? 0}`,
            })),
          ]}
        />
      </Space>
      <Table<WelfareReminder>
        rowKey={(x) => `${x.kind}:${x.refId ?? x.staffId ?? x.title}:${x.date}`}
        scroll={{ x: 'max-content' }}
        size="small"
        loading={reminders.isPending}
        dataSource={items}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          {
            title: t('wf.reminder.kind'),
            width: 150,
            render: (_: unknown, x) => (
              <Tag color={COLORS[x.kind]}>{t(`wf.reminder.${x.kind}` as MessageKey)}</Tag>
            ),
          },
          { title: t('wf.reminder.date'), dataIndex: 'date', width: 110 },
          {
            title: t('wf.condolence.person'),
            width: 200,
            render: (_: unknown, x) => (x.staffName ? `${x.staffName} · ${x.orgName ?? ''}` : '—'),
          },
          { title: t('wf.reminder.title'), dataIndex: 'title' },
        ]}
      />
    </div>
  );
}
