import { PlusOutlined } from '@ant-design/icons';
import {
  DISPUTE_KINDS,
  DISPUTE_RISKS,
  DISPUTE_STATUSES,
  type DisputeDetail,
  type DisputeSummary,
} from '@ronghui/contracts';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  Drawer,
  Row,
  Select,
  Space,
  Statistic,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { hasAnyRole, useAuth } from '../../app/auth-context.tsx';
import { LiveChannelProvider, useLiveEvents } from '../../app/live-channel.tsx';
import { LoadError } from '../../app/load-error.tsx';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { DisputeDetailView } from './dispute-detail.tsx';
import { RISK_COLOR, STATUS_COLOR } from './dispute-labels.ts';
import { DisputeRegisterModal } from './dispute-register-modal.tsx';
import { disputesApi } from '../../api/disputes-api.ts';

const thisYear = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

/**
 * 矛盾纠纷, with the live channel. A red dispute registered in the user's scope is announced by the shell's
 * console-wide watcher (`disputeAlertsWatcher`), once, on this page as on any other.
 */
export function DisputesPage() {
  return (
    <LiveChannelProvider subscribe={['dispute.*']}>
      <DisputesView />
    </LiveChannelProvider>
  );
}

/** The year's figures, the list with its filters, registration and each dispute's mediation. */
function DisputesView() {
  const t = useT();
  const { user } = useAuth();
  const queryClient = useQueryClient();
  const canWrite = hasAnyRole(user, ['grid-worker', 'officer', 'auxiliary', 'dispatcher', 'commander']);
  const [params, setParams] = useSearchParams();
  const [year, setYear] = useState(thisYear);
  const [risk, setRisk] = useState<string[]>([]);
  const [status, setStatus] = useState<string[]>([]);
  const [kind, setKind] = useState<string[]>([]);
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const [registering, setRegistering] = useState(false);
  const openId = params.get('open');
  const filters = { year, risk, status, kind, overdue, page, pageSize: 20 };
  const list = useQuery({
    queryKey: ['disputes', filters],
    queryFn: () => disputesApi.list(filters),
    placeholderData: keepPreviousData,
  });
  const stats = useQuery({ queryKey: ['disputes', 'stats', year], queryFn: () => disputesApi.stats(year) });
  const detail = useQuery({
    queryKey: ['disputes', 'detail', openId],
    queryFn: () => disputesApi.get(openId!),
    enabled: Boolean(openId),
  });
  const open = (id: string | null) =>
    setParams((p) => {
      if (id) p.set('open', id);
      else p.delete('open');
      return p;
    });
  const changed = (d: DisputeDetail) => {
    queryClient.setQueryData(['disputes', 'detail', d.id], d);
    void queryClient.invalidateQueries({
      queryKey: ['disputes'],
      predicate: (q) => q.queryKey[1] !== 'detail',
    });
  };
  useLiveEvents('dispute.alert', () => void queryClient.invalidateQueries({ queryKey: ['disputes'] }));
  const s = stats.data;
  const columns: TableColumnsType<DisputeSummary> = [
    {
      title: t('disputes.field.number'),
      dataIndex: 'number',
      width: 140,
      render: (n: string, d) => (
        <Typography.Link onClick={() => open(d.id)} data-testid="dispute-link">
          {n}
        </Typography.Link>
      ),
    },
    {
      title: t('disputes.field.risk'),
      dataIndex: 'risk',
      width: 80,
      render: (r: DisputeSummary['risk']) => (
        <Tag color={RISK_COLOR[r]}>{t(`disputes.risk.${r}` as MessageKey)}</Tag>
      ),
    },
    {
      title: t('disputes.field.kind'),
      dataIndex: 'kind',
      width: 100,
      render: (k: string) => t(`disputes.kind.${k}` as MessageKey),
    },
    { title: t('disputes.field.description'), dataIndex: 'description', ellipsis: true },
    { title: t('disputes.field.address'), dataIndex: 'address', ellipsis: true, width: 200 },
    { title: t('disputes.field.station'), width: 110, render: (_, d) => d.station?.name ?? '—' },
    {
      title: t('disputes.field.status'),
      width: 150,
      render: (_, d) => (
        <Space size={2}>
          <Tag color={STATUS_COLOR[d.status]}>{t(`disputes.status.${d.status}` as MessageKey)}</Tag>
          {d.overdue ? <Tag color="red">{t('disputes.overdue')}</Tag> : null}
          {d.dueSoon ? <Tag color="orange">{t('disputes.dueSoon')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('disputes.field.registeredAt'),
      dataIndex: 'registeredAt',
      width: 150,
      render: (v: string) => formatDateTime(v),
    },
  ];
  const multi = (
    label: MessageKey,
    values: readonly string[],
    prefix: string,
    value: string[],
    set: (v: string[]) => void,
    testId: string,
  ) => (
    <Select
      mode="multiple"
      allowClear
      placeholder={t(label)}
      style={{ minWidth: 160 }}
      value={value}
      data-testid={testId}
      onChange={(v) => {
        set(v);
        setPage(1);
      }}
      options={values.map((v) => ({ value: v, label: t(`${prefix}.${v}` as MessageKey) }))}
    />
  );
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="disputes-page">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('disputes.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('disputes.subtitle')}</Typography.Text>
        </div>
        <Space>
          <Select
            value={year}
            data-testid="disputes-year"
            onChange={(y) => {
              setYear(y);
              setPage(1);
            }}
            options={[0, 1, 2, 3].map((i) => ({ value: thisYear - i, label: String(thisYear - i) }))}
          />
          {canWrite ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="dispute-register"
              onClick={() => setRegistering(true)}
            >
              {t('disputes.register')}
            </Button>
          ) : null}
        </Space>
      </Space>
      <Row gutter={12} data-testid="disputes-stats">
        {[
          [t('disputes.stats.total', { year }), s?.total ?? '—'],
          [t('disputes.stats.settled'), s?.settled ?? '—'],
          [t('disputes.stats.successRate'), s ? percent(s.successRate) : '—'],
          [t('disputes.stats.onTimeRate'), s ? percent(s.onTimeRate) : '—'],
          [t('disputes.stats.red'), s?.byRisk.red ?? '—'],
          [t('disputes.stats.open'), s?.open ?? '—'],
          [t('disputes.stats.overdue'), s?.overdue ?? '—'],
        ].map(([title, value]) => (
          <Col key={String(title)} flex="1 1 120px">
            <Card size="small">
              <Statistic title={title} value={value} />
            </Card>
          </Col>
        ))}
      </Row>
      <Space wrap>
        {multi('disputes.filter.risk', DISPUTE_RISKS, 'disputes.risk', risk, setRisk, 'filter-risk')}
        {multi(
          'disputes.filter.status',
          DISPUTE_STATUSES,
          'disputes.status',
          status,
          setStatus,
          'filter-status',
        )}
        {multi('disputes.filter.kind', DISPUTE_KINDS, 'disputes.kind', kind, setKind, 'filter-kind')}
        <Space size={4}>
          <Switch
            checked={overdue}
            data-testid="filter-overdue"
            onChange={(v) => {
              setOverdue(v);
              setPage(1);
            }}
          />
          {t('disputes.filter.overdue')}
        </Space>
      </Space>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          data-testid="disputes-table"
          loading={list.isLoading}
          columns={columns}
          dataSource={list.data?.items ?? []}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (n) => t('common.total', { n }),
            onChange: setPage,
          }}
        />
      )}
      <Drawer
        open={Boolean(openId)}
        onClose={() => open(null)}
        size={760}
        title={
          detail.data ? `${detail.data.number} · ${t(`disputes.kind.${detail.data.kind}` as MessageKey)}` : ''
        }
      >
        {detail.data ? (
          <DisputeDetailView dispute={detail.data} canWrite={canWrite} onChanged={changed} />
        ) : null}
        {detail.error ? <LoadError error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      </Drawer>
      <DisputeRegisterModal
        open={registering}
        onClose={() => setRegistering(false)}
        onCreated={(d) => {
          setRegistering(false);
          changed(d);
          open(d.id);
        }}
      />
    </Space>
  );
}
