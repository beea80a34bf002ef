import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { outreachApi, outreachKeys, type PlanEntry, type Resident } from '../../api/outreach-api.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import type { OutreachCan } from './warnings-tab.tsx';

const KINDS = ['elderly-alone', 'bedridden', 'disabled', 'fraud-target'] as const;

function KindTags({ kinds }: { kinds: readonly string[] }) {
  const t = useT();
  return (
    <Space size={2} wrap>
      {kinds.map((k) => (
        <Tag key={k} color={k === 'fraud-target' ? 'red' : 'gold'}>
          {t(`or.kind.${k}` as MessageKey)}
        </Tag>
      ))}
    </Space>
  );
}

/** 重点关爱对象: the register, with the last and next visit of each. */
export function ResidentsTab({ can }: { can: OutreachCan }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const list = useQuery({ queryKey: outreachKeys.residents, queryFn: () => outreachApi.residents() });
  const create = useMutation({
    mutationFn: outreachApi.createResident,
    onSuccess: () => {
      setCreating(false);
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: outreachKeys.residents });
    },
    onError: (error) => message.error(describeError(error, t)),
  });
  return (
    <div data-testid="or-residents">
      {can.register && (
        <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setCreating(true)}>
          {t('or.res.new')}
        </Button>
      )}
      <Table<Resident>
        size="small"
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('or.res.name'), dataIndex: 'name', width: 90 },
          { title: t('or.res.kinds'), width: 170, render: (_, r) => <KindTags kinds={r.kinds} /> },
          {
            title: t('or.res.address'),
            render: (_, r) => (
              <span>
                {r.address} {r.addressId && <Tag color="green">{t('or.res.linked')}</Tag>}
              </span>
            ),
          },
          { title: t('or.col.station'), dataIndex: 'stationName', width: 120 },
          { title: t('or.res.officer'), dataIndex: 'officerName', width: 150 },
          { title: t('or.res.lastVisit'), dataIndex: 'lastVisitOn', width: 110 },
          { title: t('or.res.nextDue'), dataIndex: 'nextDueOn', width: 110 },
          { title: t('or.res.visits'), dataIndex: 'visits', width: 80 },
        ]}
      />
      <Modal
        open={creating}
        title={t('or.res.new')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            create.mutate({ name: v.name, phone: v.phone || undefined, kinds: v.kinds, address: v.address })
          }
        >
          <Form.Item name="name" label={t('or.res.name')} rules={[{ required: true }]}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="phone" label={t('or.col.phone')}>
            <Input maxLength={11} />
          </Form.Item>
          <Form.Item name="kinds" label={t('or.res.kinds')} rules={[{ required: true }]}>
            <Select mode="multiple" options={KINDS.map((k) => ({ value: k, label: t(`or.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="address" label={t('or.res.address')} rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

/** 走访计划: who is due a visit in the coming days, per officer, the overdue first. */
export function PlansTab() {
  const t = useT();
  const [days, setDays] = useState(14);
  const plans = useQuery({
    queryKey: [...outreachKeys.plans(), days],
    queryFn: () => outreachApi.plans(undefined, days),
  });
  return (
    <div data-testid="or-plans">
      <Space style={{ marginBottom: 12 }}>
        {t('or.plan.days')}
        <InputNumber min={0} max={90} value={days} onChange={(v) => setDays(v ?? 14)} />
      </Space>
      <Table<PlanEntry>
        size="small"
        rowKey={(r) => `${r.residentId}-${r.dueOn}`}
        loading={plans.isPending}
        dataSource={plans.data?.items ?? []}
        pagination={{ pageSize: 30 }}
        columns={[
          {
            title: t('or.plan.due'),
            width: 180,
            render: (_, r) => (
              <Space size={4}>
                {r.dueOn}
                {r.daysOverdue > 0 && <Tag color="red">{t('or.plan.overdueDays', { n: r.daysOverdue })}</Tag>}
                {r.visitId && <Tag color="blue">{t('or.plan.planned')}</Tag>}
              </Space>
            ),
          },
          { title: t('or.res.officer'), dataIndex: 'officerName', width: 150 },
          { title: t('or.res.name'), dataIndex: 'residentName', width: 90 },
          { title: t('or.res.kinds'), width: 170, render: (_, r) => <KindTags kinds={r.kinds} /> },
          { title: t('or.res.address'), dataIndex: 'address' },
        ]}
      />
    </div>
  );
}
