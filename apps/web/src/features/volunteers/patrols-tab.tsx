import { PlusOutlined } from '@ant-design/icons';
import type { PatrolRun, PatrolTask, PatrolTaskCreateBody } from '@ronghui/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { applyFieldErrors } from '../../api/apply-field-errors.ts';
import { describeError } from '../../api/describe-error.ts';
import { patrolKeys, patrolsApi } from '../../api/patrols-api.ts';
import { volunteersApi } from '../../api/volunteers-api.ts';
import { LoadError } from '../../app/load-error.tsx';
import { formatClock, formatDateTime, shanghaiWallTimeToIso } from '../../i18n/format-datetime.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { PatrolTrackMap } from './patrol-track-map.tsx';

const STATUS_COLOR: Record<string, string> = {
  planned: 'blue',
  active: 'processing',
  completed: 'green',
  missed: 'red',
  cancelled: 'default',
};
const STATUSES = ['planned', 'active', 'completed', 'missed', 'cancelled'] as const;

export function PatrolStatusTag({ status }: { status: string }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="patrol-status" data-status={status}>
      {t(`patrols.status.${status}` as MessageKey)}
    </Tag>
  );
}

/** 巡逻: the teams' patrol tasks in scope (missed in red), a new task on a patrol feature, runs and tracks. */
export function PatrolsTab(props: { canWrite: boolean; initialTask?: string | null }) {
  const t = useT();
  const [teamId, setTeamId] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [date, setDate] = useState<Dayjs | null>(null);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string | null>(props.initialTask ?? null);
  const filters = { teamId, status, date: date?.format('YYYY-MM-DD'), page, pageSize: 20 };
  const tasks = useQuery({
    queryKey: patrolKeys.tasks(filters),
    queryFn: () => patrolsApi.tasks(filters),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
  const teams = useQuery({ queryKey: ['volunteers', 'teams'], queryFn: volunteersApi.teams });

  const columns: ColumnsType<PatrolTask> = [
    {
      title: t('patrols.col.feature'),
      dataIndex: 'featureName',
      render: (name: string, task) => (
        <Space size={4}>
          <Tag>{t(`patrols.kind.${task.featureKind}` as MessageKey)}</Tag>
          <Typography.Link onClick={() => setOpen(task.id)} data-testid="patrol-open">
            {name}
          </Typography.Link>
          {task.demo ? <Tag color="gold">{t('volunteers.demo')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('patrols.col.team'), dataIndex: 'teamName' },
    {
      title: t('patrols.col.window'),
      key: 'window',
      render: (_, task) => `${formatDateTime(task.startsAt)} – ${formatClock(task.endsAt).slice(0, 5)}`,
    },
    {
      title: t('patrols.col.status'),
      dataIndex: 'status',
      render: (s: string) => <PatrolStatusTag status={s} />,
    },
    { title: t('patrols.col.runs'), dataIndex: 'runs', align: 'right' },
  ];

  return (
    <Card
      size="small"
      data-testid="patrols-tab"
      extra={
        props.canWrite ? (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="patrol-create">
            {t('patrols.create')}
          </Button>
        ) : null
      }
      title={
        <Space wrap>
          <Select
            allowClear
            style={{ minWidth: 160 }}
            placeholder={t('patrols.filter.team')}
            value={teamId}
            onChange={(v) => {
              setTeamId(v);
              setPage(1);
            }}
            options={(teams.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
          />
          <DatePicker
            value={date}
            placeholder={t('patrols.filter.date')}
            onChange={(v) => {
              setDate(v);
              setPage(1);
            }}
          />
          <Select
            allowClear
            style={{ minWidth: 120 }}
            placeholder={t('patrols.filter.status')}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={STATUSES.map((s) => ({ value: s, label: t(`patrols.status.${s}` as MessageKey) }))}
          />
        </Space>
      }
    >
      {tasks.error ? (
        <LoadError error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : (
        <Table
          scroll={{ x: 'max-content' }}
          rowKey="id"
          size="small"
          loading={tasks.isLoading}
          columns={columns}
          dataSource={tasks.data?.items ?? []}
          rowClassName={(task) => (task.status === 'missed' ? 'patrol-missed' : '')}
          onRow={(task) => ({ 'data-status': task.status }) as React.HTMLAttributes<HTMLElement>}
          pagination={{
            current: page,
            pageSize: 20,
            total: tasks.data?.total ?? 0,
            hideOnSinglePage: true,
            onChange: setPage,
          }}
        />
      )}
      {creating ? (
        <CreateTask
          teams={(teams.data?.items ?? []).filter((x) => x.active)}
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            setOpen(id);
          }}
        />
      ) : null}
      <Drawer
        width="min(880px, 100vw)"
        open={open !== null}
        onClose={() => setOpen(null)}
        title={t('patrols.detail')}
        destroyOnHidden
      >
        {open ? <TaskDetail id={open} canWrite={props.canWrite} /> : null}
      </Drawer>
    </Card>
  );
}

function CreateTask(props: {
  teams: { id: string; name: string; stationId: string }[];
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const t = useT();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const features = useQuery({ queryKey: patrolKeys.features, queryFn: patrolsApi.features });
  const teamId = Form.useWatch('teamId', form) as string | undefined;
  const stationId = props.teams.find((x) => x.id === teamId)?.stationId;
  const options = (features.data?.items ?? []).filter((f) => !stationId || f.stationId === stationId);
  const create = useMutation({
    mutationFn: (body: PatrolTaskCreateBody) => patrolsApi.createTask(body),
    onSuccess: (task) => {
      void queryClient.invalidateQueries({ queryKey: patrolKeys.all });
      void message.success(t('patrols.created'));
      props.onCreated(task.id);
    },
    onError: (error) => applyFieldErrors(form, ['teamId', 'featureId', 'note'], error),
  });
  const wall = (d: Dayjs) => shanghaiWallTimeToIso(d.format('YYYY-MM-DDTHH:mm:ss'));
  return (
    <Modal
      open
      title={t('patrols.create')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      {features.data && features.data.items.length === 0 ? (
        <Alert type="info" showIcon title={t('patrols.form.noFeatures')} style={{ marginBottom: 12 }} />
      ) : null}
      {create.isError ? (
        <Alert type="error" showIcon title={describeError(create.error, t)} style={{ marginBottom: 12 }} />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        data-testid="patrol-form"
        initialValues={{ window: [dayjs(), dayjs().add(2, 'hour')] }}
        onFinish={(v: { teamId: string; featureId: string; window: [Dayjs, Dayjs]; note?: string }) =>
          create.mutate({
            teamId: v.teamId,
            featureId: v.featureId,
            startsAt: wall(v.window[0]),
            endsAt: wall(v.window[1]),
            ...(v.note ? { note: v.note } : {}),
          })
        }
      >
        <Form.Item name="teamId" label={t('patrols.form.team')} rules={[{ required: true }]}>
          <Select
            options={props.teams.map((x) => ({ value: x.id, label: x.name }))}
            data-testid="patrol-form-team"
          />
        </Form.Item>
        <Form.Item name="featureId" label={t('patrols.form.feature')} rules={[{ required: true }]}>
          <Select
            data-testid="patrol-form-feature"
            options={options.map((f) => ({
              value: f.id,
              label: `${t(`patrols.kind.${f.kind}` as MessageKey)} · ${f.name}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="window" label={t('patrols.form.window')} rules={[{ required: true }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="note" label={t('patrols.form.note')}>
          <Input maxLength={500} />
        </Form.Item>
        <Typography.Text type="secondary">{t('patrols.wholeTeam')}</Typography.Text>
      </Form>
    </Modal>
  );
}

function TaskDetail(props: { id: string; canWrite: boolean }) {
  const t = useT();
  const queryClient = useQueryClient();
  const task = useQuery({ queryKey: patrolKeys.task(props.id), queryFn: () => patrolsApi.task(props.id) });
  const [runId, setRunId] = useState<string | null>(null);
  // The chosen run, else the latest.
  const chosen = runId ?? task.data?.runList[0]?.id ?? null;
  const run = useQuery({
    queryKey: patrolKeys.run(chosen ?? ''),
    queryFn: () => patrolsApi.run(chosen!),
    enabled: chosen !== null,
  });
  const [reason, setReason] = useState('');
  const [cancelling, setCancelling] = useState(false);
  const cancel = useMutation({
    mutationFn: () => patrolsApi.cancel(props.id, reason),
    onSuccess: () => {
      setCancelling(false);
      void queryClient.invalidateQueries({ queryKey: patrolKeys.all });
    },
  });
  if (task.error) return <LoadError error={task.error} onRetry={() => void task.refetch()} />;
  const d = task.data;
  if (!d) return null;
  const runColumns: ColumnsType<PatrolRun> = [
    { title: t('patrols.col.member'), dataIndex: 'memberName' },
    { title: t('patrols.col.started'), dataIndex: 'startedAt', render: (v: string) => formatDateTime(v) },
    { title: t('patrols.col.ended'), dataIndex: 'endedAt', render: (v: string | null) => formatDateTime(v) },
    { title: t('patrols.col.points'), dataIndex: 'points', align: 'right' },
    {
      title: t('patrols.col.outcome'),
      dataIndex: 'status',
      render: (s: string, r) => (
        <Space size={4} data-testid="patrol-run-outcome" data-status={s}>
          <Tag color={s === 'completed' ? 'green' : s === 'active' ? 'processing' : 'orange'}>
            {t(`patrols.run.${s}` as MessageKey)}
          </Tag>
          {r.judgement?.reason ? t(`patrols.reason.${r.judgement.reason}` as MessageKey) : null}
        </Space>
      ),
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="patrol-detail">
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
        <Descriptions.Item label={t('patrols.col.feature')}>
          <Tag>{t(`patrols.kind.${d.featureKind}` as MessageKey)}</Tag>
          {d.featureName}
        </Descriptions.Item>
        <Descriptions.Item label={t('patrols.col.status')}>
          <PatrolStatusTag status={d.status} />
          {d.cancelReason ? ` ${d.cancelReason}` : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('patrols.col.team')}>{d.teamName}</Descriptions.Item>
        <Descriptions.Item label={t('patrols.col.window')}>
          {formatDateTime(d.startsAt)} – {formatDateTime(d.endsAt)}
        </Descriptions.Item>
        {d.note ? <Descriptions.Item label={t('patrols.form.note')}>{d.note}</Descriptions.Item> : null}
      </Descriptions>
      <PatrolTrackMap
        task={d}
        track={(run.data?.id === chosen ? run.data.track : []).map((p) => [p.lon, p.lat] as const)}
      />
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('patrols.runs')}
      </Typography.Title>
      <Table
        rowKey="id"
        size="small"
        scroll={{ x: 'max-content' }}
        columns={runColumns}
        dataSource={d.runList}
        locale={{ emptyText: t('patrols.noRuns') }}
        pagination={false}
        rowSelection={{
          type: 'radio',
          selectedRowKeys: chosen ? [chosen] : [],
          onChange: (keys) => setRunId(String(keys[0])),
        }}
      />
      {props.canWrite && (d.status === 'planned' || d.status === 'active') ? (
        <Button danger onClick={() => setCancelling(true)} data-testid="patrol-cancel">
          {t('patrols.cancel')}
        </Button>
      ) : null}
      <Modal
        open={cancelling}
        title={t('patrols.cancel')}
        onCancel={() => setCancelling(false)}
        onOk={() => cancel.mutate()}
        okButtonProps={{ disabled: !reason.trim(), danger: true }}
        confirmLoading={cancel.isPending}
      >
        {cancel.isError ? <Alert type="error" showIcon title={describeError(cancel.error, t)} /> : null}
        <Input
          placeholder={t('patrols.cancelReason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={200}
        />
      </Modal>
    </Space>
  );
}
