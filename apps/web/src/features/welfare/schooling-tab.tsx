import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Radio, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { type WelfareSchooling, welfareApi, welfareKeys } from '../../api/welfare-api.ts';
import { LoadError } from '../../app/load-error.tsx';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { StaffPicker } from './staff-picker.tsx';

const STATUS_COLORS = { requested: 'orange', arranged: 'blue', done: 'green' } as const;
const STAGES = ['kindergarten', 'primary', 'junior', 'senior'] as const;

/** 子女入学: cases for officers' children, requested → arranged → done, with the school. */
export function SchoolingTab() {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<string>('open');
  const [page, setPage] = useState(1);
  const [stepping, setStepping] = useState<{ c: WelfareSchooling; to: 'arranged' | 'done' } | null>(null);
  const [school, setSchool] = useState('');
  const [opening, setOpening] = useState(false);
  const [form] = Form.useForm();
  const filter = { status: status === 'open' || status === 'all' ? undefined : status, page, pageSize: 20 };
  const list = useQuery({
    queryKey: welfareKeys.schooling(JSON.stringify({ ...filter, status })),
    queryFn: async () => {
      const r = await welfareApi.schooling(status === 'open' ? { page: 1, pageSize: 500 } : filter);
      if (status !== 'open') return r;
      const open = r.items.filter((c) => c.status !== 'done');
      return { items: open, total: open.length };
    },
  });
  const done = () => {
    setStepping(null);
    setOpening(false);
    setSchool('');
    form.resetFields();
    void queryClient.invalidateQueries({ queryKey: welfareKeys.all });
  };
  const step = useMutation({
    mutationFn: (s: { c: WelfareSchooling; to: 'arranged' | 'done' }) =>
      welfareApi.stepSchooling(s.c.id, { status: s.to, school: school.trim() || undefined }),
    onSuccess: done,
    onError: (error) => message.error(describeError(error, t)),
  });
  const open = useMutation({
    mutationFn: (v: { staffId: string; childName: string; stage: (typeof STAGES)[number]; need: string }) =>
      welfareApi.openSchooling(v),
    onSuccess: done,
    onError: (error) => message.error(describeError(error, t)),
  });
  return (
    <div data-testid="wf-schooling">
      <Space wrap style={{ marginBottom: 12 }}>
        <Radio.Group
          value={status}
          optionType="button"
          onChange={(e) => {
            setStatus(e.target.value);
            setPage(1);
          }}
          options={[
            { value: 'open', label: t('wf.schooling.open') },
            ...(['requested', 'arranged', 'done'] as const).map((s) => ({
              value: s,
              label: t(`wf.schooling.status.${s}` as MessageKey),
            })),
            { value: 'all', label: t('wf.all') },
          ]}
        />
        <Button type="primary" onClick={() => setOpening(true)}>
          {t('wf.schooling.add')}
        </Button>
      </Space>
      {list.isError && <LoadError error={list.error} onRetry={() => void list.refetch()} />}
      <Table<WelfareSchooling>
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
          { title: t('wf.schooling.requestedOn'), dataIndex: 'requestedOn', width: 110 },
          {
            title: t('wf.schooling.parent'),
            render: (_: unknown, c) => `${c.staffName} · ${c.orgName}`,
            width: 190,
          },
          { title: t('wf.schooling.child'), dataIndex: 'childName', width: 90 },
          {
            title: t('wf.schooling.stage'),
            width: 90,
            render: (_: unknown, c) => t(`wf.stage.${c.stage}` as MessageKey),
          },
          { title: t('wf.schooling.need'), dataIndex: 'need' },
          {
            title: t('wf.schooling.statusTitle'),
            width: 90,
            render: (_: unknown, c) => (
              <Tag color={STATUS_COLORS[c.status]}>{t(`wf.schooling.status.${c.status}` as MessageKey)}</Tag>
            ),
          },
          { title: t('wf.schooling.school'), dataIndex: 'school', width: 160, render: (v) => v ?? '—' },
          {
            title: '',
            width: 150,
            render: (_: unknown, c) => (
              <Space size={4}>
                {c.status === 'requested' && (
                  <Button size="small" onClick={() => setStepping({ c, to: 'arranged' })}>
                    {t('wf.schooling.arrange')}
                  </Button>
                )}
                {c.status !== 'done' && (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => {
                      setSchool(c.school ?? '');
                      setStepping({ c, to: 'done' });
                    }}
                  >
                    {t('wf.schooling.settle')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={stepping !== null}
        title={stepping ? t(`wf.schooling.step.${stepping.to}` as MessageKey) : ''}
        onCancel={() => setStepping(null)}
        okButtonProps={{ disabled: school.trim().length === 0, loading: step.isPending }}
        onOk={() => stepping && step.mutate(stepping)}
      >
        <Input
          value={school}
          maxLength={80}
          onChange={(e) => setSchool(e.target.value)}
          placeholder={t('wf.schooling.school')}
        />
      </Modal>
      <Modal
        open={opening}
        title={t('wf.schooling.add')}
        onCancel={() => setOpening(false)}
        okButtonProps={{ loading: open.isPending }}
        onOk={() => form.submit()}
        forceRender
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => open.mutate(v)}
          initialValues={{ stage: 'primary' }}
        >
          <Form.Item
            name="staffId"
            label={t('wf.schooling.parent')}
            rules={[{ required: true, message: t('wf.required') }]}
          >
            <StaffPicker />
          </Form.Item>
          <Form.Item
            name="childName"
            label={t('wf.schooling.child')}
            rules={[{ required: true, message: t('wf.required') }]}
          >
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="stage" label={t('wf.schooling.stage')}>
            <Select options={STAGES.map((s) => ({ value: s, label: t(`wf.stage.${s}` as MessageKey) }))} />
          </Form.Item>
          <Form.Item
            name="need"
            label={t('wf.schooling.need')}
            rules={[{ required: true, message: t('wf.required') }]}
          >
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
