import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { type WelfareCondolence, welfareApi, welfareKeys } from '../../api/welfare-api.ts';
import { LoadError } from '../../app/load-error.tsx';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { StaffPicker } from './staff-picker.tsx';
import { beijingToday, welfareYears, yuan } from './welfare-view.ts';

const MECHANISMS = ['daily', 'holiday', 'operation'] as const;
type Mechanism = (typeof MECHANISMS)[number];
const COLORS: Record<Mechanism, string> = { daily: 'red', holiday: 'gold', operation: 'blue' };

interface FormValues {
  mechanism: Mechanism;
  staffId?: string;
  injuryId?: string;
  occasion?: string;
  reason: string;
  visitors: string;
  visitedOn: Dayjs;
  amountYuan: number;
}

/** 慰问: visits under the three mechanisms, by year, and recording a visit (for an injury, a holiday or an operation). */
export function CondolencesTab() {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [mechanism, setMechanism] = useState<Mechanism | 'all'>('all');
  const [year, setYear] = useState(Number(beijingToday().slice(0, 4)));
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<FormValues>();
  const chosen = Form.useWatch('mechanism', form);
  const filter = { mechanism: mechanism === 'all' ? undefined : mechanism, year, page, pageSize: 20 };
  const list = useQuery({
    queryKey: welfareKeys.condolences(JSON.stringify(filter)),
    queryFn: () => welfareApi.condolences(filter),
  });
  const injuries = useQuery({
    queryKey: welfareKeys.injuries('unanswered'),
    queryFn: () => welfareApi.injuries({ unanswered: 'true', pageSize: 100 }),
    enabled: adding,
  });
  const record = useMutation({
    mutationFn: (v: FormValues) =>
      welfareApi.recordCondolence({
        mechanism: v.mechanism,
        staffId: v.injuryId ? undefined : v.staffId,
        injuryId: v.injuryId,
        occasion: v.occasion?.trim() || undefined,
        reason: v.reason,
        visitors: v.visitors,
        visitedOn: v.visitedOn.format('YYYY-MM-DD'),
        amountYuan: v.amountYuan ?? 0,
      }),
    onSuccess: () => {
      message.success(t('wf.condolence.saved'));
      setAdding(false);
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: welfareKeys.all });
    },
    onError: (error) => message.error(describeError(error, t)),
  });
  return (
    <div data-testid="wf-condolences">
      <Space wrap style={{ marginBottom: 12 }}>
        <Radio.Group
          value={mechanism}
          optionType="button"
          onChange={(e) => {
            setMechanism(e.target.value);
            setPage(1);
          }}
          options={[
            { value: 'all', label: t('wf.all') },
            ...MECHANISMS.map((m) => ({ value: m, label: t(`wf.mechanism.${m}` as MessageKey) })),
          ]}
        />
        <Select
          value={year}
          style={{ width: 110 }}
          onChange={(v) => {
            setYear(v);
            setPage(1);
          }}
          options={welfareYears().map((y) => ({ value: y, label: t('wf.year', { year: y }) }))}
        />
        <Button type="primary" onClick={() => setAdding(true)} data-testid="wf-condolence-add">
          {t('wf.condolence.add')}
        </Button>
      </Space>
      {list.isError && <LoadError error={list.error} onRetry={() => void list.refetch()} />}
      <Table<WelfareCondolence>
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
          { title: t('wf.condolence.date'), dataIndex: 'visitedOn', width: 110 },
          {
            title: t('wf.condolence.mechanism'),
            width: 150,
            render: (_: unknown, c) => (
              <Tag color={COLORS[c.mechanism]}>{t(`wf.mechanism.${c.mechanism}` as MessageKey)}</Tag>
            ),
          },
          { title: t('wf.condolence.occasion'), dataIndex: 'occasion', width: 170, render: (v) => v ?? '—' },
          {
            title: t('wf.condolence.person'),
            width: 200,
            render: (_: unknown, c) => (c.staffName ? `${c.staffName} · ${c.orgName ?? ''}` : '—'),
          },
          { title: t('wf.condolence.reason'), dataIndex: 'reason' },
          { title: t('wf.condolence.visitors'), dataIndex: 'visitors', width: 180 },
          { title: t('wf.condolence.amount'), width: 100, render: (_: unknown, c) => yuan(c.amountYuan) },
        ]}
      />
      <Modal
        open={adding}
        title={t('wf.condolence.add')}
        onCancel={() => setAdding(false)}
        okButtonProps={{ loading: record.isPending, 'data-testid': 'wf-condolence-save' }}
        onOk={() => form.submit()}
        width={560}
        forceRender
      >
        <Form<FormValues>
          form={form}
          layout="vertical"
          initialValues={{ mechanism: 'daily', visitedOn: dayjs(beijingToday()), amountYuan: 1000 }}
          onFinish={(v) => record.mutate(v)}
        >
          <Form.Item name="mechanism" label={t('wf.condolence.mechanism')} rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              options={MECHANISMS.map((m) => ({ value: m, label: t(`wf.mechanism.${m}` as MessageKey) }))}
            />
          </Form.Item>
          {chosen === 'daily' && (
            <Form.Item name="injuryId" label={t('wf.condolence.injury')}>
              <Select
                allowClear
                data-testid="wf-injury-picker"
                placeholder={t('wf.condolence.injuryHint')}
                options={(injuries.data?.items ?? []).map((i) => ({
                  value: i.id,
                  label: `${i.occurredOn} · ${i.orgName} · ${i.staffName} · ${i.description}`,
                }))}
              />
            </Form.Item>
          )}
          <Form.Item noStyle shouldUpdate>
            {() =>
              !form.getFieldValue('injuryId') && (
                <Form.Item
                  name="staffId"
                  label={t('wf.condolence.person')}
                  rules={[{ required: chosen === 'daily', message: t('wf.required') }]}
                >
                  <StaffPicker />
                </Form.Item>
              )
            }
          </Form.Item>
          {chosen !== 'daily' && (
            <Form.Item name="occasion" label={t('wf.condolence.occasion')}>
              <Input
                maxLength={80}
                placeholder={t(`wf.condolence.occasionHint.${chosen ?? 'holiday'}` as MessageKey)}
              />
            </Form.Item>
          )}
          <Form.Item
            name="reason"
            label={t('wf.condolence.reason')}
            rules={[{ required: true, message: t('wf.required') }]}
          >
            <Input.TextArea rows={2} maxLength={500} data-testid="wf-condolence-reason" />
          </Form.Item>
          <Form.Item
            name="visitors"
            label={t('wf.condolence.visitors')}
            rules={[{ required: true, message: t('wf.required') }]}
          >
            <Input maxLength={200} data-testid="wf-condolence-visitors" />
          </Form.Item>
          <Space>
            <Form.Item name="visitedOn" label={t('wf.condolence.date')} rules={[{ required: true }]}>
              <DatePicker disabledDate={(d) => d.format('YYYY-MM-DD') > beijingToday()} />
            </Form.Item>
            <Form.Item name="amountYuan" label={t('wf.condolence.amountYuan')}>
              <InputNumber min={0} max={1_000_000} step={100} />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </div>
  );
}
