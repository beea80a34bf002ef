import { CheckOutlined, CloseOutlined, PlusOutlined } from '@ant-design/icons';
import {
  VOLUNTEER_ACTIVITY_KINDS,
  VOLUNTEER_ACTIVITY_STATUSES,
  type VolunteerActivity,
  type VolunteerTeam,
} from '@ronghui/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { volunteersApi } from '../../api/volunteers-api.ts';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';

const STATUS_COLOR = { submitted: 'orange', confirmed: 'green', rejected: 'red' } as const;

/** 活动: the records of the teams in scope (names masked), filters, confirm/reject, and adding one. */
export function ActivitiesTab({ teams, canWrite }: { teams: VolunteerTeam[]; canWrite: boolean }) {
  const t = useT();
  const { modal, message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [teamId, setTeamId] = useState<string | undefined>();
  const [kind, setKind] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [month, setMonth] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const filters = { teamId, kind, status, month, page, pageSize: 20 };
  const list = useQuery({
    queryKey: ['volunteers', 'activities', filters],
    queryFn: () => volunteersApi.activities(filters),
    placeholderData: keepPreviousData,
  });
  const decide = useMutation({
    mutationFn: (v: { id: string; decision: 'confirm' | 'reject'; reason?: string }) =>
      volunteersApi.decideActivity(v.id, { decision: v.decision, ...(v.reason ? { reason: v.reason } : {}) }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['volunteers'] }),
    onError: (e: Error) => void message.error(e.message),
  });
  const reject = (id: string) => {
    let reason = '';
    modal.confirm({
      title: t('volunteers.activity.reject'),
      content: (
        <Input
          data-testid="activity-reject-reason"
          placeholder={t('volunteers.activity.rejectReason')}
          onChange={(e) => (reason = e.target.value)}
        />
      ),
      onOk: () => decide.mutateAsync({ id, decision: 'reject', reason }),
    });
  };
  const columns: TableColumnsType<VolunteerActivity> = [
    {
      title: t('volunteers.activity.occurredAt'),
      dataIndex: 'occurredAt',
      width: 150,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('volunteers.activity.kind'),
      dataIndex: 'kind',
      width: 100,
      render: (k: string) => <Tag color="blue">{t(`volunteers.activityKind.${k}` as MessageKey)}</Tag>,
    },
    { title: t('volunteers.team.name'), dataIndex: 'teamName', width: 150 },
    {
      title: t('volunteers.activity.people'),
      dataIndex: 'people',
      width: 180,
      render: (p: VolunteerActivity['people']) =>
        p.map((x) => (x.role === 'lead' ? `${x.name}★` : x.name)).join('、'),
    },
    { title: t('volunteers.activity.place'), dataIndex: 'address', width: 160, ellipsis: true },
    {
      title: t('volunteers.activity.duration'),
      dataIndex: 'durationMinutes',
      width: 90,
      align: 'right',
      render: (m: number) => t('volunteers.activity.minutes', { m }),
    },
    { title: t('volunteers.activity.outcome'), dataIndex: 'outcome', ellipsis: true, width: 220 },
    {
      title: t('volunteers.activity.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: keyof typeof STATUS_COLOR, r) => (
        <Tag color={STATUS_COLOR[s]} title={r.reason ?? undefined}>
          {t(`volunteers.activityStatus.${s}` as MessageKey)}
        </Tag>
      ),
    },
    { title: t('volunteers.activity.points'), dataIndex: 'points', width: 70, align: 'right' },
    ...(canWrite
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 150,
            render: (_: unknown, r: VolunteerActivity) =>
              r.status === 'submitted' ? (
                <Space size={4}>
                  <Button
                    size="small"
                    type="primary"
                    icon={<CheckOutlined />}
                    data-testid="activity-confirm"
                    loading={decide.isPending}
                    onClick={() => decide.mutate({ id: r.id, decision: 'confirm' })}
                  >
                    {t('volunteers.activity.confirm')}
                  </Button>
                  <Button size="small" danger icon={<CloseOutlined />} onClick={() => reject(r.id)}>
                    {t('volunteers.activity.reject')}
                  </Button>
                </Space>
              ) : null,
          },
        ]
      : []),
  ];
  const then =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };
  return (
    <Card
      size="small"
      extra={
        canWrite ? (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="activity-add">
            {t('volunteers.activity.add')}
          </Button>
        ) : null
      }
      title={
        <Space wrap size={8} style={{ fontWeight: 'normal' }}>
          <Select
            allowClear
            style={{ width: 170 }}
            placeholder={t('volunteers.team.name')}
            value={teamId}
            onChange={then(setTeamId)}
            options={teams.map((x) => ({ value: x.id, label: x.name }))}
          />
          <Select
            allowClear
            style={{ width: 120 }}
            placeholder={t('volunteers.activity.kind')}
            value={kind}
            onChange={then(setKind)}
            options={VOLUNTEER_ACTIVITY_KINDS.map((k) => ({
              value: k,
              label: t(`volunteers.activityKind.${k}` as MessageKey),
            }))}
          />
          <Select
            allowClear
            style={{ width: 110 }}
            placeholder={t('volunteers.activity.status')}
            value={status}
            onChange={then(setStatus)}
            data-testid="activity-status-filter"
            options={VOLUNTEER_ACTIVITY_STATUSES.map((k) => ({
              value: k,
              label: t(`volunteers.activityStatus.${k}` as MessageKey),
            }))}
          />
          <DatePicker
            picker="month"
            placeholder={t('volunteers.activity.month')}
            onChange={(d: Dayjs | null) => then(setMonth)(d ? d.format('YYYY-MM') : undefined)}
          />
        </Space>
      }
    >
      <Table
        scroll={{ x: 'max-content' }}
        rowKey="id"
        size="small"
        loading={list.isLoading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          showTotal: (n) => t('common.total', { n }),
        }}
      />
      <AddActivityModal open={adding} onClose={() => setAdding(false)} teams={teams} />
    </Card>
  );
}

function AddActivityModal({
  open,
  onClose,
  teams,
}: {
  open: boolean;
  onClose: () => void;
  teams: VolunteerTeam[];
}) {
  const t = useT();
  const [form] = Form.useForm();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const teamId = Form.useWatch('teamId', form) as string | undefined;
  const members = useQuery({
    queryKey: ['volunteers', 'members', { teamId, page: 1, pageSize: 200 }],
    queryFn: () => volunteersApi.members({ teamId, page: 1, pageSize: 200 }),
    enabled: !!teamId,
  });
  const create = useMutation({
    mutationFn: volunteersApi.createActivity,
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
      title={t('volunteers.activity.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'patrol', durationMinutes: 60 }}
        onFinish={(v: {
          kind: VolunteerActivity['kind'];
          teamId: string;
          lead: string;
          others?: string[];
          address: string;
          lon: number;
          lat: number;
          occurredAt: Dayjs;
          durationMinutes: number;
          outcome: string;
        }) =>
          create.mutate({
            kind: v.kind,
            teamId: v.teamId,
            people: [
              { memberId: v.lead, role: 'lead' },
              ...(v.others ?? [])
                .filter((x) => x !== v.lead)
                .map((memberId) => ({ memberId, role: 'participant' as const })),
            ],
            address: v.address,
            lon: v.lon,
            lat: v.lat,
            occurredAt: v.occurredAt.toISOString(),
            durationMinutes: v.durationMinutes,
            outcome: v.outcome,
          })
        }
      >
        <Space.Compact block>
          <Form.Item
            name="kind"
            label={t('volunteers.activity.kind')}
            rules={[{ required: true }]}
            style={{ width: '40%' }}
          >
            <Select
              options={VOLUNTEER_ACTIVITY_KINDS.map((k) => ({
                value: k,
                label: t(`volunteers.activityKind.${k}` as MessageKey),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="teamId"
            label={t('volunteers.team.name')}
            rules={[{ required: true }]}
            style={{ width: '60%' }}
          >
            <Select options={teams.map((x) => ({ value: x.id, label: x.name }))} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="lead" label={t('volunteers.activity.lead')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={members.isLoading}
            options={(members.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.name} ${m.phone}` }))}
          />
        </Form.Item>
        <Form.Item name="others" label={t('volunteers.activity.participants')}>
          <Select
            mode="multiple"
            optionFilterProp="label"
            options={(members.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.name} ${m.phone}` }))}
          />
        </Form.Item>
        <Form.Item name="address" label={t('volunteers.activity.place')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Space.Compact block>
          <Form.Item
            name="lon"
            label={t('volunteers.activity.lon')}
            rules={[{ required: true }]}
            style={{ width: '50%' }}
          >
            <InputNumber min={-180} max={180} step={0.0001} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="lat"
            label={t('volunteers.activity.lat')}
            rules={[{ required: true }]}
            style={{ width: '50%' }}
          >
            <InputNumber min={-90} max={90} step={0.0001} style={{ width: '100%' }} />
          </Form.Item>
        </Space.Compact>
        <Space.Compact block>
          <Form.Item
            name="occurredAt"
            label={t('volunteers.activity.occurredAt')}
            rules={[{ required: true }]}
            style={{ width: '60%' }}
          >
            <DatePicker showTime style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="durationMinutes"
            label={t('volunteers.activity.durationMinutes')}
            rules={[{ required: true }]}
            style={{ width: '40%' }}
          >
            <InputNumber min={1} max={1440} style={{ width: '100%' }} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="outcome" label={t('volunteers.activity.outcome')} rules={[{ required: true }]}>
          <Input.TextArea maxLength={1000} rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
