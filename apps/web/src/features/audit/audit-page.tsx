import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { fetchAudit } from '../../api/audit-api.ts';
import type { AuditEntry, AuditOutcome } from '@ronghui/contracts';
import { LoadError } from '../../app/load-error.tsx';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import { AuditDetailDrawer } from './audit-detail-drawer.tsx';
import { type AuditFilterValues, AuditFilters } from './audit-filters.tsx';
import { AuditOutcomeTag } from './audit-outcome-tag.tsx';
import { useVerifyChain } from './use-verify-chain.tsx';

export function AuditPage() {
  const t = useT();
  const [filters, setFilters] = useState<AuditFilterValues>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [open, setOpen] = useState<AuditEntry | null>(null);
  const verify = useVerifyChain();
  const query = { ...filters, ...paging };
  const audit = useQuery({
    queryKey: ['audit', query],
    queryFn: () => fetchAudit(query),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.seq'), dataIndex: 'seq', width: 80 },
    { title: t('audit.at'), dataIndex: 'at', width: 150, render: (at: string) => formatDateTime(at) },
    { title: t('audit.actor'), dataIndex: 'actor', width: 130 },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 180,
      render: (action: string) => <Typography.Text code>{action}</Typography.Text>,
    },
    {
      title: t('audit.resource'),
      dataIndex: 'resource',
      ellipsis: true,
      render: (_, e) => (e.resourceId ? `${e.resource} / ${e.resourceId}` : e.resource),
    },
    {
      title: t('audit.outcome'),
      dataIndex: 'outcome',
      width: 90,
      render: (outcome: AuditOutcome) => <AuditOutcomeTag outcome={outcome} />,
    },
    { title: t('audit.ip'), dataIndex: 'ip', width: 130, render: (ip: string | null) => ip ?? '—' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      render: (_, entry) => (
        <Button type="link" size="small" onClick={() => setOpen(entry)}>
          {t('common.detail')}
        </Button>
      ),
    },
  ];

  return (
    <Card title={t('audit.title')} extra={verify.button}>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {verify.banner}
        <AuditFilters
          onChange={(next) => {
            setFilters(next);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
        />
        {audit.error && <LoadError error={audit.error} onRetry={() => audit.refetch()} />}
        <Table<AuditEntry>
          rowKey="seq"
          size="middle"
          columns={columns}
          dataSource={audit.data?.items ?? []}
          loading={audit.isFetching}
          onRow={(entry) => ({ onDoubleClick: () => setOpen(entry) })}
          scroll={{ x: 1000 }}
          data-testid="audit-table"
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: audit.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => t('common.total', { n }),
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
        />
      </Space>
      <AuditDetailDrawer entry={open} onClose={() => setOpen(null)} />
    </Card>
  );
}
