import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  VOLUNTEER_SKILLS,
  VOLUNTEER_TEAM_KINDS,
  type VolunteerImportResult,
  type VolunteerJoinRequest,
  type VolunteerMember,
  type VolunteerTeam,
} from '@ronghui/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App as AntApp,
  Alert,
  Button,
  Card,
  Col,
  Drawer,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { volunteersApi } from '../../api/volunteers-api.ts';
import { ActivitiesTab } from './activities-tab.tsx';
import { PatrolsTab } from './patrols-tab.tsx';
import { RankingTab } from './ranking-tab.tsx';
import { hasAnyRole, useAuth } from '../../app/auth-context.tsx';
import { LoadError } from '../../app/load-error.tsx';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';

const WRITE_ROLES = ['officer', 'auxiliary', 'dispatcher', 'commander'] as const;
const STATS_ROLES = [...WRITE_ROLES, 'leader'] as const;
/** The import file's columns, named as the template names them. */
const FIELD_LABEL: Record<string, MessageKey> = {
  name: 'volunteers.member.name',
  phone: 'volunteers.member.phone',
  idNumber: 'volunteers.member.idNumber',
  skills: 'volunteers.member.skills',
  vetting: 'volunteers.member.vetting',
  vettedOn: 'volunteers.member.vettedOn',
  township: 'volunteers.team.township',
  joinedOn: 'volunteers.member.joinedOn',
};
const VETTING_COLOR = { unvetted: 'default', basic: 'blue', full: 'green' } as const;

/** 群防群治: the figures, the teams (each with its members) and the requests to join. */
export function VolunteersPage() {
  const t = useT();
  const { user } = useAuth();
  const canWrite = hasAnyRole(user, [...WRITE_ROLES]);
  const [search] = useSearchParams();
  const seesStats = hasAnyRole(user, [...STATS_ROLES]);
  const [openTeam, setOpenTeam] = useState<VolunteerTeam | null>(null);
  const [creating, setCreating] = useState(false);
  const teams = useQuery({ queryKey: ['volunteers', 'teams'], queryFn: volunteersApi.teams });
  const [year, setYear] = useState<number | undefined>(2023);
  const stats = useQuery({
    queryKey: ['volunteers', 'stats', year],
    queryFn: () => volunteersApi.stats(year),
    enabled: seesStats,
  });
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: thisYear - 2022 }, (_, i) => 2023 + i);
  const s = stats.data;
  const columns: TableColumnsType<VolunteerTeam> = [
    {
      title: t('volunteers.team.name'),
      dataIndex: 'name',
      render: (n: string, team) => (
        <Typography.Link onClick={() => setOpenTeam(team)} data-testid="volunteer-team-link">
          {n}
        </Typography.Link>
      ),
    },
    {
      title: t('volunteers.team.kind'),
      dataIndex: 'kind',
      width: 120,
      render: (k: string) => <Tag>{t(`volunteers.kind.${k}` as MessageKey)}</Tag>,
    },
    { title: t('volunteers.team.station'), dataIndex: 'stationName', width: 140 },
    { title: t('volunteers.team.township'), dataIndex: 'township', width: 110 },
    { title: t('volunteers.team.members'), dataIndex: 'members', width: 90, align: 'right' },
    { title: t('volunteers.team.onDuty'), dataIndex: 'onDutyNow', width: 90, align: 'right' },
    {
      title: t('volunteers.team.description'),
      dataIndex: 'description',
      ellipsis: true,
      render: (d: string | null, team) => (
        <Space size={4}>
          {team.demo ? <Tag color="gold">{t('volunteers.demo')}</Tag> : null}
          {!team.active ? <Tag>{t('volunteers.team.inactive')}</Tag> : null}
          {d}
        </Space>
      ),
    },
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="volunteers-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('volunteers.title')}
      </Typography.Title>
      {s ? (
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('volunteers.stats.members')} value={s.members} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('volunteers.stats.teams')} value={s.teams} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('volunteers.stats.onDutyNow')} value={s.onDutyNow} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('volunteers.stats.consent')} value={s.locationConsent} />
            </Card>
          </Col>
          {(
            [
              ['patrols', s.patrols],
              ['mediations', s.mediations],
              ['rescues', s.rescues],
              ['arrestAssists', s.arrestAssists],
            ] as const
          ).map(([k, v]) => (
            <Col xs={12} md={6} key={k}>
              <Card size="small">
                <Statistic
                  title={t(`volunteers.stats.${k}` as MessageKey)}
                  value={v}
                  valueStyle={{ color: '#1d4ed8' }}
                  data-testid={`volunteer-stat-${k}`}
                />
              </Card>
            </Col>
          ))}
          <Col xs={24}>
            <Space wrap size={16} style={{ color: '#666' }}>
              <Select
                size="small"
                style={{ width: 110 }}
                value={year ?? 0}
                onChange={(v) => setYear(v === 0 ? undefined : v)}
                options={[
                  { value: 0, label: t('volunteers.stats.allYears') },
                  ...years.map((y) => ({ value: y, label: t('volunteers.stats.year', { y }) })),
                ]}
                data-testid="volunteer-stats-year"
              />
              <span>{t('volunteers.stats.eventSecurity', { n: s.eventSecurity })}</span>
              <span>{t('volunteers.stats.activityHours', { h: s.activityHours })}</span>
              <span>
                {t('volunteers.stats.responseRate', {
                  r: s.calloutResponseRate === null ? '—' : `${Math.round(s.calloutResponseRate * 100)}%`,
                })}
              </span>
              <span>
                {t('volunteers.stats.toFilled', {
                  s:
                    s.medianSecondsToFilled === null
                      ? '—'
                      : t('volunteers.stats.seconds', { n: Math.round(s.medianSecondsToFilled) }),
                })}
              </span>
            </Space>
          </Col>
        </Row>
      ) : null}
      <Tabs
        defaultActiveKey={search.get('tab') ?? 'teams'}
        items={[
          {
            key: 'teams',
            label: t('volunteers.tab.teams'),
            children: teams.error ? (
              <LoadError error={teams.error} onRetry={() => void teams.refetch()} />
            ) : (
              <Card
                size="small"
                extra={
                  canWrite ? (
                    <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                      {t('volunteers.team.create')}
                    </Button>
                  ) : null
                }
              >
                <Table
                  scroll={{ x: 'max-content' }}
                  rowKey="id"
                  size="small"
                  loading={teams.isLoading}
                  columns={columns}
                  dataSource={teams.data?.items ?? []}
                  pagination={{ pageSize: 30, hideOnSinglePage: true }}
                />
              </Card>
            ),
          },
          {
            key: 'join',
            label: t('volunteers.tab.join'),
            children: <JoinRequests canDecide={canWrite} />,
          },
          {
            key: 'patrols',
            label: t('patrols.title'),
            children: <PatrolsTab canWrite={canWrite} initialTask={search.get('task')} />,
          },
          {
            key: 'activities',
            label: t('volunteers.tab.activities'),
            children: <ActivitiesTab teams={teams.data?.items ?? []} canWrite={canWrite} />,
          },
          ...(seesStats
            ? [
                {
                  key: 'ranking',
                  label: t('volunteers.tab.ranking'),
                  children: teams.data ? <RankingTab teams={teams.data.items} /> : null,
                },
              ]
            : []),
        ]}
      />
      <Drawer
        width="min(980px, 100vw)"
        open={openTeam !== null}
        onClose={() => setOpenTeam(null)}
        title={openTeam?.name}
        destroyOnHidden
      >
        {openTeam ? <TeamDetail team={openTeam} canWrite={canWrite} /> : null}
      </Drawer>
      <CreateTeamModal open={creating} onClose={() => setCreating(false)} />
    </Space>
  );
}

function CreateTeamModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const create = useMutation({
    mutationFn: volunteersApi.createTeam,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['volunteers'] });
      form.resetFields();
      onClose();
    },
    onError: (e: Error) => void message.error(e.message),
  });
  return (
    <Modal
      open={open}
      title={t('volunteers.team.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
    >
      <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
        <Form.Item name="name" label={t('volunteers.team.name')} rules={[{ required: true }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="kind" label={t('volunteers.team.kind')} rules={[{ required: true }]}>
          <Select
            options={VOLUNTEER_TEAM_KINDS.map((k) => ({
              value: k,
              label: t(`volunteers.kind.${k}` as MessageKey),
            }))}
          />
        </Form.Item>
        <Form.Item name="township" label={t('volunteers.team.township')}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="description" label={t('volunteers.team.description')}>
          <Input.TextArea maxLength={500} rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One team: its members (masked; a click on a masked value reveals it with a stated reason), filters, import. */
function TeamDetail({ team, canWrite }: { team: VolunteerTeam; canWrite: boolean }) {
  const t = useT();
  const { modal, message } = AntApp.useApp();
  const [skill, setSkill] = useState<string | undefined>();
  const [onDuty, setOnDuty] = useState<boolean | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [importing, setImporting] = useState(false);
  const [revealed, setRevealed] = useState<Record<string, string>>({});
  const filters = { teamId: team.id, skill, onDuty, q, page, pageSize: 20 };
  const members = useQuery({
    queryKey: ['volunteers', 'members', filters],
    queryFn: () => volunteersApi.members(filters),
    placeholderData: keepPreviousData,
  });
  const reveal = (id: string, field: 'name' | 'phone' | 'idNumber') => {
    let reason = '';
    modal.confirm({
      title: t('volunteers.reveal'),
      content: (
        <Input
          data-testid="reveal-reason"
          placeholder={t('volunteers.reveal.reason')}
          onChange={(e) => (reason = e.target.value)}
        />
      ),
      onOk: async () => {
        try {
          const r = await volunteersApi.reveal(id, { field, reason });
          setRevealed((s) => ({ ...s, [`${id}/${field}`]: r.value }));
        } catch (e) {
          void message.error((e as Error).message);
          throw e;
        }
      },
    });
  };
  const masked = (m: VolunteerMember, field: 'name' | 'phone' | 'idNumber') => {
    const value = m[field];
    if (!value) return '—';
    return (
      <Typography.Link
        onClick={() => reveal(m.id, field)}
        title={t('volunteers.reveal')}
        data-testid={`reveal-${field}`}
      >
        {revealed[`${m.id}/${field}`] ?? value}
      </Typography.Link>
    );
  };
  const columns: TableColumnsType<VolunteerMember> = [
    { title: t('volunteers.member.name'), width: 90, render: (_, m) => masked(m, 'name') },
    { title: t('volunteers.member.phone'), width: 130, render: (_, m) => masked(m, 'phone') },
    { title: t('volunteers.member.idNumber'), width: 190, render: (_, m) => masked(m, 'idNumber') },
    {
      title: t('volunteers.member.skills'),
      render: (_, m) => m.skills.map((s) => <Tag key={s}>{t(`volunteers.skill.${s}` as MessageKey)}</Tag>),
    },
    {
      title: t('volunteers.member.vetting'),
      width: 100,
      render: (_, m) => (
        <Tag color={VETTING_COLOR[m.vetting]}>{t(`volunteers.vetting.${m.vetting}` as MessageKey)}</Tag>
      ),
    },
    {
      title: t('volunteers.member.duty'),
      width: 90,
      render: (_, m) =>
        m.onDuty ? <Tag color="green">{t('volunteers.onDuty')}</Tag> : <Tag>{t('volunteers.offDuty')}</Tag>,
    },
    {
      title: t('volunteers.member.consent'),
      width: 100,
      render: (_, m) => (m.locationConsent ? <Tag color="cyan">{t('volunteers.consent.yes')}</Tag> : '—'),
    },
    { title: t('volunteers.member.joinedOn'), dataIndex: 'joinedOn', width: 110 },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="volunteer-team-detail">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {team.stationName} · {team.township} · {t('volunteers.team.members')} {team.members} ·{' '}
        {t('volunteers.team.onDuty')} {team.onDutyNow}
        {team.description ? ` · ${team.description}` : ''}
      </Typography.Paragraph>
      <Space wrap>
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('volunteers.filter.skill')}
          value={skill}
          onChange={(v) => {
            setSkill(v);
            setPage(1);
          }}
          options={VOLUNTEER_SKILLS.map((s) => ({
            value: s,
            label: t(`volunteers.skill.${s}` as MessageKey),
          }))}
          data-testid="filter-skill"
        />
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('volunteers.filter.duty')}
          value={onDuty === undefined ? undefined : String(onDuty)}
          onChange={(v?: string) => {
            setOnDuty(v === undefined ? undefined : v === 'true');
            setPage(1);
          }}
          options={[
            { value: 'true', label: t('volunteers.onDuty') },
            { value: 'false', label: t('volunteers.offDuty') },
          ]}
        />
        <Input.Search
          allowClear
          style={{ width: 220 }}
          placeholder={t('volunteers.filter.q')}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
        />
        {canWrite ? (
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="import-open">
            {t('volunteers.import')}
          </Button>
        ) : null}
      </Space>
      {members.error ? <LoadError error={members.error} onRetry={() => void members.refetch()} /> : null}
      <Table
        scroll={{ x: 'max-content' }}
        rowKey="id"
        size="small"
        loading={members.isFetching}
        columns={columns}
        dataSource={members.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: 20,
          total: members.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => t('volunteers.total', { n }),
          onChange: setPage,
        }}
      />
      <ImportModal teamId={team.id} open={importing} onClose={() => setImporting(false)} />
    </Space>
  );
}

const toBase64 = async (file: File) => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
};

/** Import from XLSX or CSV: the template, the file, then what was saved and every bad line with its field. */
function ImportModal({ teamId, open, onClose }: { teamId: string; open: boolean; onClose: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<VolunteerImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: async () =>
      volunteersApi.importFile({ teamId, fileName: file!.name, contentBase64: await toBase64(file!) }),
    onSuccess: (r) => {
      setResult(r);
      setError(null);
      void queryClient.invalidateQueries({ queryKey: ['volunteers'] });
    },
    onError: (e: Error) => setError(e.message),
  });
  const close = () => {
    setFile(null);
    setResult(null);
    setError(null);
    onClose();
  };
  return (
    <Modal
      open={open}
      width={760}
      title={t('volunteers.import')}
      onCancel={close}
      okText={t('volunteers.import.run')}
      onOk={() => run.mutate()}
      okButtonProps={{ disabled: !file }}
      confirmLoading={run.isPending}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('volunteers.import.help')}</Typography.Text>
        <Space>
          <Button icon={<DownloadOutlined />} href={volunteersApi.templateUrl('xlsx')}>
            {t('volunteers.import.templateXlsx')}
          </Button>
          <Button icon={<DownloadOutlined />} href={volunteersApi.templateUrl('csv')}>
            {t('volunteers.import.templateCsv')}
          </Button>
        </Space>
        <input
          type="file"
          accept=".xlsx,.csv"
          data-testid="import-file"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setResult(null);
          }}
        />
        {error ? <Alert type="error" message={error} /> : null}
        {result ? (
          <>
            <Alert
              data-testid="import-result"
              type={result.rejected ? 'warning' : 'success'}
              message={t('volunteers.import.summary', {
                rows: result.rows,
                created: result.created,
                merged: result.merged,
                rejected: result.rejected,
              })}
            />
            {result.problems.length ? (
              <Table
                scroll={{ x: 'max-content' }}
                rowKey={(p) => `${p.line}/${p.field}/${p.message}`}
                size="small"
                data-testid="import-problems"
                pagination={false}
                dataSource={result.problems}
                columns={[
                  { title: t('volunteers.import.line'), dataIndex: 'line', width: 70 },
                  {
                    title: t('volunteers.import.field'),
                    dataIndex: 'field',
                    width: 150,
                    render: (f: string) => (FIELD_LABEL[f] ? `${t(FIELD_LABEL[f])} (${f})` : f),
                  },
                  { title: t('volunteers.import.message'), dataIndex: 'message' },
                ]}
              />
            ) : null}
          </>
        ) : null}
      </Space>
    </Modal>
  );
}

/** Requests to join: pending first; approve, or reject with a reason. */
function JoinRequests({ canDecide }: { canDecide: boolean }) {
  const t = useT();
  const queryClient = useQueryClient();
  const { modal, message } = AntApp.useApp();
  const [status, setStatus] = useState<string | undefined>('pending');
  const list = useQuery({
    queryKey: ['volunteers', 'join', status],
    queryFn: () => volunteersApi.joinRequests(status),
  });
  const decide = async (r: VolunteerJoinRequest, decision: 'approve' | 'reject') => {
    let reason = '';
    const go = async () => {
      try {
        await volunteersApi.decide(r.id, { decision, ...(reason ? { reason } : {}) });
        void queryClient.invalidateQueries({ queryKey: ['volunteers'] });
      } catch (e) {
        void message.error((e as Error).message);
        throw e;
      }
    };
    if (decision === 'approve') return go();
    modal.confirm({
      title: t('volunteers.join.reject'),
      content: (
        <Input
          data-testid="reject-reason"
          placeholder={t('volunteers.join.reason')}
          onChange={(e) => (reason = e.target.value)}
        />
      ),
      onOk: go,
    });
  };
  const columns: TableColumnsType<VolunteerJoinRequest> = [
    { title: t('volunteers.join.team'), dataIndex: 'teamName', width: 150 },
    { title: t('volunteers.member.name'), dataIndex: 'name', width: 90 },
    { title: t('volunteers.member.phone'), dataIndex: 'phone', width: 130 },
    {
      title: t('volunteers.member.skills'),
      render: (_, r) => r.skills.map((s) => <Tag key={s}>{t(`volunteers.skill.${s}` as MessageKey)}</Tag>),
    },
    { title: t('volunteers.join.note'), dataIndex: 'note', ellipsis: true },
    {
      title: t('volunteers.join.at'),
      dataIndex: 'createdAt',
      width: 150,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('volunteers.join.status'),
      width: 200,
      render: (_, r) =>
        r.status === 'pending' && canDecide ? (
          <Space>
            <Button
              size="small"
              type="primary"
              onClick={() => void decide(r, 'approve')}
              data-testid="join-approve"
            >
              {t('volunteers.join.approve')}
            </Button>
            <Button size="small" danger onClick={() => void decide(r, 'reject')}>
              {t('volunteers.join.reject')}
            </Button>
          </Space>
        ) : (
          <Space size={4}>
            <Tag color={r.status === 'approved' ? 'green' : r.status === 'rejected' ? 'red' : 'orange'}>
              {t(`volunteers.join.status.${r.status}` as MessageKey)}
            </Tag>
            {r.reason}
          </Space>
        ),
    },
  ];
  return (
    <Card
      size="small"
      extra={
        <Select
          allowClear
          style={{ width: 140 }}
          value={status}
          onChange={setStatus}
          placeholder={t('volunteers.join.all')}
          options={(['pending', 'approved', 'rejected'] as const).map((s) => ({
            value: s,
            label: t(`volunteers.join.status.${s}` as MessageKey),
          }))}
        />
      }
    >
      {list.error ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table
        scroll={{ x: 'max-content' }}
        rowKey="id"
        size="small"
        loading={list.isLoading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="join-requests"
      />
    </Card>
  );
}
