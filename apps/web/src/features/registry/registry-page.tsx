import { DownloadOutlined, HistoryOutlined, UploadOutlined } from '@ant-design/icons';
import type {
  RegistryAddress,
  RegistryBusiness,
  RegistryCollection,
  RegistryHouse,
  RegistryImportResult,
  RegistryKind,
  RegistryPerson,
} from '@ronghui/contracts';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Drawer,
  Input,
  Modal,
  Radio,
  Space,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { registryApi } from '../../api/registry-api.ts';
import { hasAnyRole, useAuth } from '../../app/auth-context.tsx';
import { LoadError } from '../../app/load-error.tsx';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';

type Tab = RegistryKind | 'collections';
const REVIEW_ROLES = ['officer', 'auxiliary', 'commander'] as const;
const STATUS_COLOR: Record<string, string> = {
  assigned: 'default',
  submitted: 'processing',
  accepted: 'success',
  rejected: 'error',
};

/** 一标三实: addresses, people, houses, businesses (masked, reveal with a reason, history) and the review queue. */
export function RegistryPage() {
  const t = useT();
  const { user } = useAuth();
  const canImport = hasAnyRole(user, REVIEW_ROLES);
  const [tab, setTab] = useState<Tab>('addresses');
  const [importing, setImporting] = useState(false);
  return (
    <div style={{ padding: 16 }} data-testid="registry-page">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('registry.title')}
        </Typography.Title>
        {canImport && (
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="registry-import">
            {t('registry.import.button')}
          </Button>
        )}
      </Space>
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as Tab)}
        destroyInactiveTabPane
        items={[
          { key: 'addresses', label: t('registry.tab.addresses'), children: <RecordsTab kind="addresses" /> },
          { key: 'people', label: t('registry.tab.people'), children: <RecordsTab kind="people" /> },
          { key: 'houses', label: t('registry.tab.houses'), children: <RecordsTab kind="houses" /> },
          {
            key: 'businesses',
            label: t('registry.tab.businesses'),
            children: <RecordsTab kind="businesses" />,
          },
          ...(hasAnyRole(user, REVIEW_ROLES)
            ? [{ key: 'collections', label: t('registry.tab.collections'), children: <ReviewTab /> }]
            : []),
        ]}
      />
      {importing && <ImportDialog onClose={() => setImporting(false)} />}
    </div>
  );
}

type Row = RegistryAddress | RegistryPerson | RegistryHouse | RegistryBusiness;

function RecordsTab({ kind }: { kind: RegistryKind }) {
  const t = useT();
  const { modal, message } = App.useApp();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [history, setHistory] = useState<{ id: string; title: string } | null>(null);
  const [revealed, setRevealed] = useState<Record<string, string>>({});
  const [addressId, setAddressId] = useState<string | null>(null);
  const filters = { q: q || undefined, page, pageSize: 20 };
  const query = useQuery({
    queryKey: ['registry', kind, filters],
    queryFn: (): Promise<{ items: Row[]; total: number }> => registryApi[kind](filters),
    placeholderData: keepPreviousData,
  });

  const reveal = (id: string, field: string) => {
    let reason = '';
    modal.confirm({
      title: t('registry.reveal.title'),
      content: (
        <Input
          data-testid="registry-reveal-reason"
          placeholder={t('registry.reveal.reason')}
          onChange={(e) => (reason = e.target.value)}
        />
      ),
      onOk: async () => {
        try {
          const r = await registryApi.reveal(kind, id, { field: field as 'name', reason });
          setRevealed((s) => ({ ...s, [`${id}/${field}`]: r.value }));
        } catch (e) {
          message.error(describeError(e, t));
          throw e;
        }
      },
    });
  };
  const masked = (id: string, field: string, value: string | null) =>
    value ? (
      <Typography.Link
        onClick={() => reveal(id, field)}
        title={t('registry.reveal.title')}
        data-testid={`reveal-${field}`}
      >
        {revealed[`${id}/${field}`] ?? value}
      </Typography.Link>
    ) : (
      '—'
    );
  const grid = (r: Row) => r.communityGridName ?? r.policeGridName;
  const historyButton = (id: string, title: string) => (
    <Button size="small" icon={<HistoryOutlined />} onClick={() => setHistory({ id, title })}>
      {t('registry.history')}
    </Button>
  );

  const columns: Record<RegistryKind, TableColumnsType<Row>> = {
    addresses: [
      {
        title: t('registry.field.address'),
        render: (_, r) => (
          <Typography.Link onClick={() => setAddressId(r.id)} data-testid="registry-address">
            {(r as RegistryAddress).label}
          </Typography.Link>
        ),
      },
      { title: t('registry.field.grid'), render: (_, r) => grid(r) },
      {
        title: t('registry.field.key'),
        dataIndex: 'key',
        render: (k: string) => <Typography.Text code>{k}</Typography.Text>,
      },
      { title: '', width: 100, render: (_, r) => historyButton(r.id, (r as RegistryAddress).label) },
    ],
    people: [
      { title: t('registry.field.name'), render: (_, r) => masked(r.id, 'name', (r as RegistryPerson).name) },
      {
        title: t('registry.field.idNumber'),
        render: (_, r) => masked(r.id, 'idNumber', (r as RegistryPerson).idNumber),
      },
      {
        title: t('registry.field.sex'),
        render: (_, r) => t(`registry.sex.${(r as RegistryPerson).sex}` as MessageKey),
      },
      { title: t('registry.field.birthDate'), dataIndex: 'birthDate' },
      {
        title: t('registry.field.phone'),
        render: (_, r) => masked(r.id, 'phone', (r as RegistryPerson).phone),
      },
      {
        title: t('registry.field.kind'),
        render: (_, r) => <Tag>{t(`registry.person.${(r as RegistryPerson).kind}` as MessageKey)}</Tag>,
      },
      { title: t('registry.field.address'), dataIndex: 'addressLabel' },
      { title: '', width: 100, render: (_, r) => historyButton(r.id, (r as RegistryPerson).name) },
    ],
    houses: [
      { title: t('registry.field.address'), dataIndex: 'addressLabel' },
      {
        title: t('registry.field.kind'),
        render: (_, r) => <Tag>{t(`registry.house.${(r as RegistryHouse).kind}` as MessageKey)}</Tag>,
      },
      {
        title: t('registry.field.owner'),
        render: (_, r) => masked(r.id, 'ownerName', (r as RegistryHouse).ownerName),
      },
      {
        title: t('registry.field.phone'),
        render: (_, r) => masked(r.id, 'ownerPhone', (r as RegistryHouse).ownerPhone),
      },
      { title: t('registry.field.residents'), dataIndex: 'residents' },
      { title: '', width: 100, render: (_, r) => historyButton(r.id, (r as RegistryHouse).addressLabel) },
    ],
    businesses: [
      { title: t('registry.field.businessName'), dataIndex: 'name' },
      {
        title: t('registry.field.kind'),
        render: (_, r) => t(`registry.business.${(r as RegistryBusiness).kind}` as MessageKey),
      },
      { title: t('registry.field.licence'), dataIndex: 'licenceNo' },
      {
        title: t('registry.field.keyPlace'),
        render: (_, r) =>
          (r as RegistryBusiness).keyPlace ? <Tag color="red">{t('registry.keyPlace')}</Tag> : null,
      },
      {
        title: t('registry.field.contact'),
        render: (_, r) => masked(r.id, 'contactName', (r as RegistryBusiness).contactName),
      },
      {
        title: t('registry.field.phone'),
        render: (_, r) => masked(r.id, 'contactPhone', (r as RegistryBusiness).contactPhone),
      },
      { title: t('registry.field.address'), dataIndex: 'addressLabel' },
      { title: '', width: 100, render: (_, r) => historyButton(r.id, (r as RegistryBusiness).name) },
    ],
  };

  if (query.isError) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <>
      <Input.Search
        allowClear
        style={{ maxWidth: 360, marginBottom: 12 }}
        placeholder={t(kind === 'people' ? 'registry.search.people' : 'registry.search')}
        onSearch={(v) => {
          setQ(v.trim());
          setPage(1);
        }}
        data-testid="registry-search"
      />
      <Table<Row>
        rowKey="id"
        size="small"
        loading={query.isFetching}
        dataSource={query.data?.items ?? []}
        columns={columns[kind]}
        pagination={{
          current: page,
          pageSize: 20,
          total: query.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => t('registry.total', { n }),
          onChange: setPage,
        }}
      />
      <HistoryDrawer kind={kind} target={history} onClose={() => setHistory(null)} />
      <AddressDrawer id={addressId} onClose={() => setAddressId(null)} />
    </>
  );
}

/** One address with the people, house and businesses recorded at it (masked). */
function AddressDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const t = useT();
  const query = useQuery({
    queryKey: ['registry', 'address', id],
    queryFn: () => registryApi.address(id!),
    enabled: !!id,
  });
  const d = query.data;
  return (
    <Drawer open={!!id} onClose={onClose} width={560} title={d?.address.label ?? ''}>
      {d && (
        <div data-testid="registry-address-detail">
          <Typography.Paragraph type="secondary">
            {d.address.divisionName} · {d.address.communityGridName ?? d.address.policeGridName}
            {d.address.location
              ? ` · ${d.address.location.lon.toFixed(5)}, ${d.address.location.lat.toFixed(5)}`
              : ''}
          </Typography.Paragraph>
          <Typography.Title level={5}>{t('registry.tab.houses')}</Typography.Title>
          {d.houses.map((h) => (
            <div key={h.id}>
              <Tag>{t(`registry.house.${h.kind}` as MessageKey)}</Tag> {h.ownerName ?? ''}{' '}
              {h.ownerPhone ?? ''}
            </div>
          ))}
          <Typography.Title level={5}>{t('registry.tab.people')}</Typography.Title>
          {d.people.map((p) => (
            <div key={p.id}>
              {p.name} · {p.idNumber} · <Tag>{t(`registry.person.${p.kind}` as MessageKey)}</Tag>
              {p.movedInOn ?? ''}
            </div>
          ))}
          <Typography.Title level={5}>{t('registry.tab.businesses')}</Typography.Title>
          {d.businesses.map((b) => (
            <div key={b.id}>
              {b.name} · {t(`registry.business.${b.kind}` as MessageKey)}{' '}
              {b.keyPlace && <Tag color="red">{t('registry.keyPlace')}</Tag>}
            </div>
          ))}
        </div>
      )}
    </Drawer>
  );
}

function HistoryDrawer({
  kind,
  target,
  onClose,
}: {
  kind: RegistryKind;
  target: { id: string; title: string } | null;
  onClose: () => void;
}) {
  const t = useT();
  const query = useQuery({
    queryKey: ['registry', 'history', kind, target?.id],
    queryFn: () => registryApi.history(kind, target!.id),
    enabled: !!target,
  });
  return (
    <Drawer
      open={!!target}
      onClose={onClose}
      width={480}
      title={`${t('registry.history')} · ${target?.title ?? ''}`}
    >
      <Timeline
        data-testid="registry-history"
        items={(query.data?.items ?? []).map((h) => ({
          children: (
            <div>
              <Typography.Text strong>
                {t(`registry.action.${h.action}` as MessageKey)} · {h.actor}
              </Typography.Text>{' '}
              <Typography.Text type="secondary">
                {formatDateTime(h.at)} · {t(`registry.source.${h.source}` as MessageKey)}
              </Typography.Text>
              {h.collector && (
                <div>
                  {t('registry.history.collected', { collector: h.collector, reviewer: h.reviewer ?? '' })}
                </div>
              )}
              <ul style={{ paddingLeft: 18, margin: '4px 0' }}>
                {h.changes.map((c) => (
                  <li key={c.field}>
                    <code>{c.field}</code> {c.before ?? '∅'} → {c.after ?? '∅'}
                  </li>
                ))}
              </ul>
            </div>
          ),
        }))}
      />
    </Drawer>
  );
}

function ImportDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<RegistryKind>('people');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<RegistryImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const send = async (file: File) => {
    setBusy(true);
    setError(null);
    try {
      setResult(await registryApi.importFile(kind, file));
      await queryClient.invalidateQueries({ queryKey: ['registry'] });
    } catch (e) {
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('registry.import.title')} onCancel={onClose} footer={null} width={720}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Radio.Group value={kind} onChange={(e) => setKind(e.target.value)} optionType="button">
          {(['people', 'addresses', 'houses', 'businesses'] as const).map((k) => (
            <Radio.Button key={k} value={k}>
              {t(`registry.tab.${k}` as MessageKey)}
            </Radio.Button>
          ))}
        </Radio.Group>
        <Space>
          <Upload
            accept=".xlsx,.csv,text/csv"
            showUploadList={false}
            beforeUpload={(file) => {
              void send(file);
              return false;
            }}
          >
            <Button
              type="primary"
              icon={<UploadOutlined />}
              loading={busy}
              data-testid="registry-import-file"
            >
              {t('registry.import.choose')}
            </Button>
          </Upload>
          <Button icon={<DownloadOutlined />} href={registryApi.templateUrl(kind, 'xlsx')}>
            {t('registry.import.templateXlsx')}
          </Button>
          <Button icon={<DownloadOutlined />} href={registryApi.templateUrl(kind, 'csv')}>
            {t('registry.import.templateCsv')}
          </Button>
        </Space>
        {error && <Alert type="error" message={error} />}
        {result && (
          <div data-testid="registry-import-result">
            <Alert
              type={result.rejected ? 'warning' : 'success'}
              message={t('registry.import.summary', {
                rows: result.rows,
                created: result.created,
                updated: result.updated,
                rejected: result.rejected,
                addresses: result.addressesCreated,
              })}
            />
            {result.errors.length > 0 && (
              <Table
                size="small"
                style={{ marginTop: 8 }}
                rowKey={(e) => `${e.line}/${e.field}/${e.message}`}
                dataSource={result.errors}
                pagination={{ pageSize: 8 }}
                data-testid="registry-import-errors"
                columns={[
                  { title: t('registry.import.line'), dataIndex: 'line', width: 70 },
                  { title: t('registry.import.field'), dataIndex: 'field', width: 140 },
                  { title: t('registry.import.problem'), dataIndex: 'message' },
                ]}
              />
            )}
          </div>
        )}
      </Space>
    </Modal>
  );
}

function ReviewTab() {
  const t = useT();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [view, setView] = useState<'review' | 'all'>('review');
  const list = useQuery({
    queryKey: ['registry', 'collections', view],
    queryFn: () => registryApi.collections(view),
  });
  const stats = useQuery({
    queryKey: ['registry', 'collections', 'stats'],
    queryFn: () => registryApi.stats(),
  });
  const decide = async (c: RegistryCollection, decision: 'accept' | 'reject', reason?: string) => {
    try {
      await registryApi.review(c.id, { decision, reason: reason ?? null });
      message.success(t(decision === 'accept' ? 'registry.review.accepted' : 'registry.review.rejected'));
      await queryClient.invalidateQueries({ queryKey: ['registry'] });
    } catch (e) {
      message.error(describeError(e, t));
    }
  };
  const reject = (c: RegistryCollection) => {
    let reason = '';
    modal.confirm({
      title: t('registry.review.reject'),
      content: (
        <Input.TextArea
          data-testid="registry-reject-reason"
          placeholder={t('registry.review.reason')}
          onChange={(e) => (reason = e.target.value)}
        />
      ),
      onOk: () => decide(c, 'reject', reason),
    });
  };
  if (list.isError) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <>
      <Radio.Group value={view} onChange={(e) => setView(e.target.value)} style={{ marginBottom: 12 }}>
        <Radio.Button value="review">{t('registry.review.queue')}</Radio.Button>
        <Radio.Button value="all">{t('registry.review.all')}</Radio.Button>
      </Radio.Group>
      <Table<RegistryCollection>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        data-testid="registry-review"
        pagination={{ pageSize: 10 }}
        expandable={{
          expandedRowRender: (c) => (
            <ul style={{ margin: 0 }}>
              {c.fields.map((f) => (
                <li key={f.field}>
                  <code>{f.field}</code> {f.value ?? '—'}
                </li>
              ))}
            </ul>
          ),
        }}
        columns={[
          {
            title: t('registry.field.kind'),
            render: (_, c) => t(`registry.collection.${c.kind}` as MessageKey),
            width: 90,
          },
          { title: t('registry.field.summary'), dataIndex: 'summary' },
          { title: t('registry.field.worker'), dataIndex: 'workerName', width: 130 },
          {
            title: t('registry.field.submittedAt'),
            render: (_, c) => (c.submittedAt ? formatDateTime(c.submittedAt) : '—'),
            width: 150,
          },
          {
            title: t('registry.field.status'),
            width: 90,
            render: (_, c) => (
              <Tag color={STATUS_COLOR[c.status]}>{t(`registry.status.${c.status}` as MessageKey)}</Tag>
            ),
          },
          {
            title: '',
            width: 170,
            render: (_, c) =>
              c.status === 'submitted' ? (
                <Space>
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => void decide(c, 'accept')}
                    data-testid="registry-accept"
                  >
                    {t('registry.review.accept')}
                  </Button>
                  <Button size="small" danger onClick={() => reject(c)} data-testid="registry-reject">
                    {t('registry.review.reject')}
                  </Button>
                </Space>
              ) : (
                c.reviewReason
              ),
          },
        ]}
      />
      <Typography.Title level={5}>{t('registry.stats.title')}</Typography.Title>
      <Table
        size="small"
        rowKey="workerId"
        pagination={false}
        dataSource={stats.data?.items ?? []}
        columns={[
          { title: t('registry.field.worker'), dataIndex: 'workerName' },
          { title: t('registry.stats.collected'), dataIndex: 'collected' },
          { title: t('registry.stats.accepted'), dataIndex: 'accepted' },
          { title: t('registry.stats.rejected'), dataIndex: 'rejected' },
          { title: t('registry.stats.pending'), dataIndex: 'pending' },
        ]}
      />
    </>
  );
}
