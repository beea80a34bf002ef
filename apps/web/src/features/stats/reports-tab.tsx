import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Table, Tag } from 'antd';
import { describeError } from '../../api/describe-error.ts';
import { type StatsReport, statsApi, statsKeys } from '../../api/stats-api.ts';
import { LoadError } from '../../app/load-error.tsx';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { useT } from '../../i18n/i18n-context.tsx';

/** 报表: the weekly and monthly reports made by the server, to download as PDF or XLSX, or made now. */
export function ReportsTab() {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const reports = useQuery({
    queryKey: statsKeys.reports,
    queryFn: statsApi.reports,
    refetchInterval: 60_000,
  });
  const make = useMutation({
    mutationFn: (kind: 'weekly' | 'monthly') => statsApi.makeReport({ kind }),
    onSuccess: (r) => {
      message.success(t('stats.reports.made', { title: r.title }));
      void queryClient.invalidateQueries({ queryKey: statsKeys.reports });
    },
    onError: (e) => message.error(describeError(e, t)),
  });
  return (
    <div data-testid="stats-reports">
      <Space style={{ marginBottom: 12 }}>
        {(['weekly', 'monthly'] as const).map((kind) => (
          <Button
            key={kind}
            type={kind === 'weekly' ? 'primary' : 'default'}
            loading={make.isPending && make.variables === kind}
            onClick={() => make.mutate(kind)}
            data-testid={`report-make-${kind}`}
          >
            {t(`stats.reports.make.${kind}`)}
          </Button>
        ))}
      </Space>
      {reports.error ? (
        <LoadError error={reports.error} onRetry={() => void reports.refetch()} />
      ) : (
        <Table<StatsReport>
          rowKey="id"
          size="small"
          loading={reports.isLoading}
          dataSource={reports.data?.items ?? []}
          data-testid="stats-report-table"
          columns={[
            { title: t('stats.reports.title'), dataIndex: 'title' },
            {
              title: t('stats.reports.kind'),
              dataIndex: 'kind',
              width: 90,
              render: (k: StatsReport['kind']) => (
                <Tag color={k === 'weekly' ? 'blue' : 'purple'}>{t(`stats.reports.kind.${k}`)}</Tag>
              ),
            },
            {
              title: t('stats.reports.period'),
              width: 210,
              render: (_: unknown, r: StatsReport) => `${r.from} — ${r.to}`,
            },
            {
              title: t('stats.reports.createdAt'),
              dataIndex: 'createdAt',
              width: 150,
              render: (v: string) => formatDateTime(v),
            },
            {
              title: t('common.actions'),
              width: 170,
              render: (_: unknown, r: StatsReport) => (
                <Space>
                  <Button size="small" icon={<FilePdfOutlined />} href={statsApi.reportUrl(r.id, 'pdf')}>
                    PDF
                  </Button>
                  <Button size="small" icon={<FileExcelOutlined />} href={statsApi.reportUrl(r.id, 'xlsx')}>
                    XLSX
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
