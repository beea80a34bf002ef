import type { ServiceItem } from '@ronghui/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import {
  type ServiceHall,
  type ServiceHomeVisit,
  servicesApi,
  servicesKeys,
} from '../../api/services-api.ts';
import { formatDateTime, shanghaiWallTimeToIso } from '../../i18n/format-datetime.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';

type Step = 'accept' | 'reject' | 'schedule' | 'complete';
const NEXT: Record<string, readonly Step[]> = {
  requested: ['accept', 'reject'],
  accepted: ['schedule'],
  scheduled: ['complete'],
};
const REASONS = ['age', 'illness', 'disability', 'other'] as const;

/** 上门办证: requests for the old, sick or disabled, triaged, scheduled and done at home. */
export function HomeVisitsTab(props: {
  halls: readonly ServiceHall[];
  items: readonly ServiceItem[];
  canRequest: boolean;
  canWork: boolean;
}) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [stepping, setStepping] = useState<{ v: ServiceHomeVisit; step: Step } | null>(null);
  const [form] = Form.useForm();
  const [stepForm] = Form.useForm();
  const list = useQuery({ queryKey: servicesKeys.homeVisits, queryFn: () => servicesApi.homeVisits() });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: servicesKeys.homeVisits });
  const create = useMutation({
    mutationFn: servicesApi.requestHomeVisit,
    onSuccess: () => {
      setCreating(false);
      form.resetFields();
      refresh();
    },
    onError: (error) => message.error(describeError(error, t)),
  });
  const step = useMutation({
    mutationFn: (a: { id: string; step: Step; note?: string; scheduledAt?: string }) =>
      servicesApi.homeVisitStep(a.id, {
        step: a.step,
        note: a.note || undefined,
        scheduledAt: a.scheduledAt,
      }),
    onSuccess: () => {
      setStepping(null);
      stepForm.resetFields();
      refresh();
    },
    onError: (error) => message.error(describeError(error, t)),
  });
  const stations = [...new Map(props.halls.filter((h) => !h.centre).map((h) => [h.orgId, h.name])).entries()];
  return (
    <div data-testid="svc-home-visits">
      {props.canRequest && (
        <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setCreating(true)}>
          {t('svc.home.new')}
        </Button>
      )}
      <Table<ServiceHomeVisit>
        size="small"
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        columns={[
          { title: t('svc.home.createdAt'), width: 150, render: (_, r) => formatDateTime(r.createdAt) },
          { title: t('svc.home.station'), dataIndex: 'stationName', width: 130 },
          {
            title: t('svc.case.applicant'),
            render: (_, r) => `${r.applicantName} ${r.applicantPhone}${r.age ? ` · ${r.age}` : ''}`,
          },
          {
            title: t('svc.home.reason'),
            width: 90,
            render: (_, r) => t(`svc.home.reason.${r.reason}` as MessageKey),
          },
          { title: t('svc.home.address'), dataIndex: 'address' },
          {
            title: t('svc.case.status'),
            width: 90,
            render: (_, r) => <Tag>{t(`svc.home.status.${r.status}` as MessageKey)}</Tag>,
          },
          { title: t('svc.home.scheduledAt'), width: 150, render: (_, r) => formatDateTime(r.scheduledAt) },
          {
            title: t('common.actions'),
            width: 150,
            render: (_, r) =>
              props.canWork ? (
                <Space size={4}>
                  {(NEXT[r.status] ?? []).map((s) => (
                    <Button
                      key={s}
                      size="small"
                      danger={s === 'reject'}
                      onClick={() => setStepping({ v: r, step: s })}
                    >
                      {t(`svc.home.step.${s}` as MessageKey)}
                    </Button>
                  ))}
                </Space>
              ) : null,
          },
        ]}
      />
      <Modal
        open={creating}
        title={t('svc.home.new')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            create.mutate({
              ...v,
              applicantIdNumber: v.applicantIdNumber || undefined,
              note: v.note || undefined,
            })
          }
        >
          <Form.Item
            name="stationId"
            label={t('svc.home.station')}
            rules={[{ required: true, message: t('svc.form.required') }]}
          >
            <Select options={stations.map(([id, name]) => ({ value: id, label: name }))} />
          </Form.Item>
          <Form.Item
            name="applicantName"
            label={t('svc.case.applicant')}
            rules={[{ required: true, message: t('svc.form.required') }]}
          >
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item
            name="applicantPhone"
            label={t('svc.case.phone')}
            rules={[{ required: true, pattern: /^1[3-9]\d{9}$/, message: t('svc.form.phone') }]}
          >
            <Input maxLength={11} />
          </Form.Item>
          <Form.Item name="applicantIdNumber" label={t('svc.case.idNumber')}>
            <Input maxLength={18} />
          </Form.Item>
          <Form.Item name="age" label={t('svc.home.age')}>
            <InputNumber min={0} max={130} />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('svc.home.reason')}
            rules={[{ required: true, message: t('svc.form.required') }]}
          >
            <Select
              options={REASONS.map((r) => ({ value: r, label: t(`svc.home.reason.${r}` as MessageKey) }))}
            />
          </Form.Item>
          <Form.Item
            name="address"
            label={t('svc.home.address')}
            rules={[{ required: true, min: 2, message: t('svc.form.required') }]}
          >
            <Input maxLength={120} />
          </Form.Item>
          <Form.Item
            name="itemCodes"
            label={t('svc.ticket.items')}
            rules={[{ required: true, message: t('svc.form.required') }]}
          >
            <Select
              mode="multiple"
              maxCount={5}
              showSearch
              optionFilterProp="label"
              options={props.items
                .filter((i) => i.channels.includes('home'))
                .map((i) => ({ value: i.code, label: `${i.code} ${i.name}` }))}
            />
          </Form.Item>
          <Form.Item name="note" label={t('svc.case.note')}>
            <Input.TextArea rows={2} maxLength={300} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={stepping !== null}
        title={stepping ? t(`svc.home.step.${stepping.step}` as MessageKey) : ''}
        onCancel={() => setStepping(null)}
        onOk={() => stepForm.submit()}
        confirmLoading={step.isPending}
      >
        <Form
          form={stepForm}
          layout="vertical"
          onFinish={(v: { note?: string; scheduledAt?: string }) =>
            stepping &&
            step.mutate({
              id: stepping.v.id,
              step: stepping.step,
              note: v.note,
              scheduledAt: v.scheduledAt ? shanghaiWallTimeToIso(`${v.scheduledAt}:00`) : undefined,
            })
          }
        >
          {stepping?.step === 'schedule' && (
            <Form.Item
              name="scheduledAt"
              label={t('svc.home.scheduledAt')}
              rules={[{ required: true, message: t('svc.form.required') }]}
            >
              <Input type="datetime-local" />
            </Form.Item>
          )}
          <Form.Item
            name="note"
            label={t('svc.case.note')}
            rules={stepping?.step === 'reject' ? [{ required: true, message: t('svc.form.required') }] : []}
          >
            <Input.TextArea rows={2} maxLength={300} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
