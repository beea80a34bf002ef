import { useQuery } from '@tanstack/react-query';
import { Button, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import {
  type WelfareRevealField,
  type WelfareStaff,
  welfareApi,
  welfareKeys,
} from '../../api/welfare-api.ts';
import { LoadError } from '../../app/load-error.tsx';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { RevealModal } from './reveal-modal.tsx';
import { beijingToday } from './welfare-view.ts';

/** 人员档案: officers, auxiliaries and civilian staff, names and phones masked, health notes hidden. */
export function StaffTab() {
  const t = useT();
  const [kind, setKind] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [revealing, setRevealing] = useState<{ staff: WelfareStaff; field: WelfareRevealField } | null>(null);
  const filter = { kind, page, pageSize: 20 };
  const list = useQuery({
    queryKey: welfareKeys.staff(JSON.stringify(filter)),
    queryFn: () => welfareApi.staff(filter),
  });
  const today = beijingToday();
  const revealButton = (s: WelfareStaff, field: WelfareRevealField, label: string) => (
    <Button
      size="small"
      type="link"
      onClick={() => setRevealing({ staff: s, field })}
      data-testid={`wf-reveal-${field}`}
    >
      {label}
    </Button>
  );
  return (
    <div data-testid="wf-staff">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('wf.staff.kind')}
          style={{ width: 160 }}
          value={kind}
          onChange={(v) => {
            setKind(v);
            setPage(1);
          }}
          options={(['officer', 'auxiliary', 'civilian'] as const).map((k) => ({
            value: k,
            label: t(`wf.kind.${k}` as MessageKey),
          }))}
        />
      </Space>
      <Typography.Paragraph type="secondary">{t('wf.staff.privacy')}</Typography.Paragraph>
      {list.isError && <LoadError error={list.error} onRetry={() => void list.refetch()} />}
      <Table<WelfareStaff>
        rowKey="id"
        scroll={{ x: 'max-content' }}
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
          showTotal: (n) => t('wf.total', { n }),
        }}
        columns={[
          { title: t('wf.staff.name'), dataIndex: 'name', width: 100 },
          {
            title: t('wf.staff.kind'),
            width: 90,
            render: (_: unknown, s) => <Tag>{t(`wf.kind.${s.kind}` as MessageKey)}</Tag>,
          },
          { title: t('wf.staff.org'), dataIndex: 'orgName', width: 150 },
          { title: t('wf.staff.position'), dataIndex: 'position', width: 110 },
          {
            title: t('wf.staff.phone'),
            dataIndex: 'phone',
            width: 130,
            render: (v: string | null) => v ?? '—',
          },
          {
            title: t('wf.staff.family'),
            render: (_: unknown, s) =>
              s.family.length ? (
                <Space size={4} wrap>
                  {s.family.map((m) => `${m.relation} ${m.name}`).join('；')}
                  {revealButton(s, 'family', t('wf.reveal.show'))}
                </Space>
              ) : (
                '—'
              ),
          },
          {
            title: t('wf.staff.health'),
            width: 130,
            render: (_: unknown, s) =>
              s.healthNotes ? (
                <Space size={4}>
                  <span data-testid="wf-health-masked">{s.healthNotes}</span>
                  {revealButton(s, 'healthNotes', t('wf.reveal.show'))}
                </Space>
              ) : (
                '—'
              ),
          },
          {
            title: t('wf.staff.nextCheck'),
            width: 120,
            render: (_: unknown, s) =>
              s.nextCheckDue ? (
                <Typography.Text type={s.nextCheckDue < today ? 'danger' : undefined}>
                  {s.nextCheckDue}
                </Typography.Text>
              ) : (
                '—'
              ),
          },
          {
            title: t('wf.staff.children'),
            dataIndex: 'childrenNeeds',
            render: (v: string | null) => v ?? '—',
          },
        ]}
      />
      <RevealModal
        open={revealing !== null}
        title={
          revealing
            ? t('wf.reveal.title', {
                name: revealing.staff.name,
                field: t(`wf.field.${revealing.field}` as MessageKey),
              })
            : ''
        }
        onClose={() => setRevealing(null)}
        reveal={(reason) => welfareApi.reveal(revealing!.staff.id, revealing!.field, reason)}
      />
    </div>
  );
}
