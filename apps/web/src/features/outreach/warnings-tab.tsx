import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Upload,
} from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import {
  type FraudImportResult,
  type FraudWarning,
  type FraudWarningStep,
  outreachApi,
  outreachKeys,
  type WarningFilters,
} from '../../api/outreach-api.ts';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';

export interface OutreachCan {
  intake: boolean;
  work: boolean;
  register: boolean;
  reveal: boolean;
}

const RISK_COLOR = { high: 'red', medium: 'orange', low: 'blue' } as const;
const STATUS_COLOR = {
  issued: 'default',
  signed: 'processing',
  dissuaded: 'success',
  feedback: 'green',
} as const;
const money = (n: number) => n.toLocaleString('zh-CN');
/** The import file's column names, as the sheet's header writes them. */
const COLUMN_ZH: Record<string, string> = {
  personName: '姓名',
  phone: '手机号',
  idNumber: '身份证号',
  issuedAt: '预警时间',
  fraudType: '诈骗类型',
  source: '来源',
  risk: '风险等级',
  moneyAtRisk: '涉案金额',
  address: '地址',
  header: '表头',
};

export function RiskTag({ risk }: { risk: FraudWarning['risk'] }) {
  const t = useT();
  return <Tag color={RISK_COLOR[risk]}>{t(`or.risk.${risk}` as MessageKey)}</Tag>;
}

export function WarningsTab({ can }: { can: OutreachCan }) {
  const t = useT();
  const [filters, setFilters] = useState<WarningFilters>({ page: 1, pageSize: 20 });
  const [openId, setOpenId] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const list = useQuery({
    queryKey: outreachKeys.warnings(filters),
    queryFn: () => outreachApi.warnings(filters),
  });
  return (
    <div data-testid="or-warnings">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('or.filter.risk')}
          style={{ width: 120 }}
          value={filters.risk}
          onChange={(risk) => setFilters({ ...filters, risk, page: 1 })}
          options={(['high', 'medium', 'low'] as const).map((r) => ({ value: r, label: t(`or.risk.${r}`) }))}
        />
        <Select
          allowClear
          placeholder={t('or.filter.status')}
          style={{ width: 120 }}
          value={filters.status}
          onChange={(status) => setFilters({ ...filters, status, page: 1 })}
          options={(['issued', 'signed', 'dissuaded', 'feedback'] as const).map((s) => ({
            value: s,
            label: t(`or.status.${s}`),
          }))}
        />
        <Checkbox
          checked={filters.overdue === 'true'}
          onChange={(e) =>
            setFilters({ ...filters, overdue: e.target.checked ? 'true' : undefined, page: 1 })
          }
        >
          {t('or.filter.overdue')}
        </Checkbox>
        {can.intake && (
          <Button type="primary" onClick={() => setImporting(true)}>
            {t('or.import')}
          </Button>
        )}
      </Space>
      <Table<FraudWarning>
        size="small"
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: list.data?.total ?? 0,
          onChange: (page, pageSize) => setFilters({ ...filters, page, pageSize }),
        }}
        columns={[
          { title: t('or.col.issuedAt'), width: 150, render: (_, r) => formatDateTime(r.issuedAt) },
          { title: t('or.col.person'), dataIndex: 'personName', width: 90 },
          { title: t('or.col.phone'), dataIndex: 'phone', width: 120 },
          {
            title: t('or.col.fraudType'),
            width: 110,
            render: (_, r) => t(`or.fraud.${r.fraudType}` as MessageKey),
          },
          { title: t('or.col.risk'), width: 80, render: (_, r) => <RiskTag risk={r.risk} /> },
          {
            title: t('or.col.action'),
            width: 90,
            render: (_, r) => t(`or.action.${r.action}` as MessageKey),
          },
          {
            title: t('or.col.status'),
            width: 150,
            render: (_, r) => (
              <Space size={4}>
                <Tag color={STATUS_COLOR[r.status]}>{t(`or.status.${r.status}` as MessageKey)}</Tag>
                {r.overdue && <Tag color="red">{t('or.overdue')}</Tag>}
              </Space>
            ),
          },
          { title: t('or.col.station'), dataIndex: 'stationName', width: 120 },
          {
            title: t('or.col.money'),
            width: 150,
            render: (_, r) => `${money(r.moneyAtRisk)} / ${money(r.moneySaved)}`,
          },
          { title: t('or.col.due'), width: 150, render: (_, r) => formatDateTime(r.dueAt) },
        ]}
      />
      {importing && <ImportDialog onClose={() => setImporting(false)} />}
      {openId && <WarningDrawer id={openId} can={can} onClose={() => setOpenId(null)} />}
    </div>
  );
}

function ImportDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [result, setResult] = useState<FraudImportResult | null>(null);
  const upload = useMutation({
    mutationFn: (file: File) => outreachApi.importFile(file),
    onSuccess: (r) => {
      setResult(r);
      if (r.created > 0) {
        message.success(t('or.import.done', { n: r.created }));
        void queryClient.invalidateQueries({ queryKey: outreachKeys.warnings() });
      }
    },
    onError: (error) => message.error(describeError(error, t)),
  });
  return (
    <Modal open title={t('or.import')} onCancel={onClose} footer={null} width={720}>
      <Alert type="info" showIcon message={t('or.import.hint')} style={{ marginBottom: 12 }} />
      <Upload
        accept=".xlsx,.csv"
        showUploadList={false}
        beforeUpload={(file) => {
          upload.mutate(file);
          return false;
        }}
      >
        <Button loading={upload.isPending} data-testid="or-import-pick">
          {t('or.import.pick')}
        </Button>
      </Upload>
      {result && result.errors.length > 0 && (
        <div data-testid="or-import-errors" style={{ marginTop: 12 }}>
          <Alert type="error" showIcon message={t('or.import.failed', { n: result.rejected })} />
          <Table
            size="small"
            rowKey={(e) => `${e.line}-${e.field}-${e.message}`}
            pagination={false}
            dataSource={result.errors}
            columns={[
              { title: t('or.import.line'), dataIndex: 'line', width: 60 },
              { title: t('or.import.field'), width: 120, render: (_, e) => COLUMN_ZH[e.field] ?? e.field },
              { title: t('or.import.message'), dataIndex: 'message' },
            ]}
          />
        </div>
      )}
      {result && result.created > 0 && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 12 }}
          message={t('or.import.done', { n: result.created })}
        />
      )}
    </Modal>
  );
}

type StepKind = FraudWarningStep['step'];

function WarningDrawer({ id, can, onClose }: { id: string; can: OutreachCan; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [stepping, setStepping] = useState<StepKind | null>(null);
  const [revealing, setRevealing] = useState(false);
  const [revealed, setRevealed] = useState<Record<string, string>>({});
  const [form] = Form.useForm();
  const [revealForm] = Form.useForm();
  const detail = useQuery({ queryKey: outreachKeys.warning(id), queryFn: () => outreachApi.warning(id) });
  const step = useMutation({
    mutationFn: (body: FraudWarningStep) => outreachApi.step(id, body),
    onSuccess: () => {
      setStepping(null);
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: outreachKeys.warnings() });
    },
    onError: (error) => message.error(describeError(error, t)),
  });
  const reveal = useMutation({
    mutationFn: (a: { field: 'personName' | 'phone' | 'idNumber'; reason: string }) =>
      outreachApi.revealWarning(id, a.field, a.reason),
    onSuccess: (r) => {
      setRevealed({ ...revealed, [r.field]: r.value });
      setRevealing(false);
      revealForm.resetFields();
    },
    onError: (error) => message.error(describeError(error, t)),
  });
  const w = detail.data;
  const steps: StepKind[] =
    w?.status === 'issued'
      ? ['sign']
      : w?.status === 'signed'
        ? ['call', 'dissuade']
        : w?.status === 'dissuaded'
          ? ['feedback']
          : [];
  return (
    <Drawer
      open
      width={560}
      title={w ? `${t('or.detail.title')} ${w.number}` : t('or.detail.title')}
      onClose={onClose}
    >
      {w && (
        <div data-testid="or-warning-detail">
          <Space style={{ marginBottom: 12 }} wrap>
            <RiskTag risk={w.risk} />
            <Tag color={STATUS_COLOR[w.status]}>{t(`or.status.${w.status}` as MessageKey)}</Tag>
            {w.outcome && <Tag>{t(`or.outcome.${w.outcome}` as MessageKey)}</Tag>}
            {w.overdue && <Tag color="red">{t('or.overdue')}</Tag>}
          </Space>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('or.col.person')}>
              {revealed.personName ?? w.personName}
            </Descriptions.Item>
            <Descriptions.Item label={t('or.col.phone')}>{revealed.phone ?? w.phone}</Descriptions.Item>
            <Descriptions.Item label={t('or.detail.address')}>{w.address}</Descriptions.Item>
            <Descriptions.Item label={t('or.col.fraudType')}>
              {t(`or.fraud.${w.fraudType}` as MessageKey)}
            </Descriptions.Item>
            <Descriptions.Item label={t('or.detail.source')}>
              {t(`or.source.${w.source}` as MessageKey)}
            </Descriptions.Item>
            <Descriptions.Item label={t('or.col.action')}>
              {t(`or.action.${w.action}` as MessageKey)}
            </Descriptions.Item>
            <Descriptions.Item label={t('or.col.station')}>{w.stationName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('or.col.money')}>
              {money(w.moneyAtRisk)} / {money(w.moneySaved)}
            </Descriptions.Item>
            <Descriptions.Item label={t('or.col.due')}>{formatDateTime(w.dueAt)}</Descriptions.Item>
          </Descriptions>
          <Space style={{ margin: '12px 0' }} wrap>
            {can.work &&
              steps.map((s) => (
                <Button
                  key={s}
                  type={s === 'call' ? 'default' : 'primary'}
                  onClick={() => (s === 'sign' ? step.mutate({ step: 'sign' }) : setStepping(s))}
                  loading={step.isPending}
                >
                  {t(`or.step.${s}` as MessageKey)}
                </Button>
              ))}
            {can.reveal && <Button onClick={() => setRevealing(true)}>{t('or.reveal')}</Button>}
          </Space>
          <h4>{t('or.detail.timeline')}</h4>
          <Timeline
            items={w.timeline.map((e) => ({
              color: e.kind === 'overdue' ? 'red' : e.kind === 'dissuaded' ? 'green' : 'blue',
              children: (
                <div>
                  <b>{t(`or.event.${e.kind}` as MessageKey)}</b> {formatDateTime(e.at)} · {e.actor}
                  {e.note && <div style={{ color: '#555' }}>{e.note}</div>}
                </div>
              ),
            }))}
          />
        </div>
      )}
      <Modal
        open={stepping !== null}
        title={stepping ? t(`or.step.${stepping}` as MessageKey) : ''}
        onCancel={() => setStepping(null)}
        onOk={() => form.submit()}
        confirmLoading={step.isPending}
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ outcome: 'dissuaded', answered: true, moneySaved: w?.moneyAtRisk }}
          onFinish={(v) =>
            stepping &&
            step.mutate({
              step: stepping,
              note: v.note || undefined,
              ...(stepping === 'dissuade'
                ? { outcome: v.outcome, moneySaved: v.outcome === 'dissuaded' ? v.moneySaved : 0 }
                : {}),
              ...(stepping === 'call' ? { answered: v.answered } : {}),
            })
          }
        >
          {stepping === 'dissuade' && (
            <>
              <Form.Item name="outcome" label={t('or.step.outcome')}>
                <Select
                  options={(['dissuaded', 'defrauded', 'unreachable'] as const).map((o) => ({
                    value: o,
                    label: t(`or.outcome.${o}`),
                  }))}
                />
              </Form.Item>
              <Form.Item name="moneySaved" label={t('or.step.moneySaved')}>
                <InputNumber min={0} style={{ width: '100%' }} />
              </Form.Item>
            </>
          )}
          {stepping === 'call' && (
            <Form.Item name="answered" valuePropName="checked">
              <Checkbox>{t('or.step.answered')}</Checkbox>
            </Form.Item>
          )}
          <Form.Item name="note" label={t('or.step.note')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={revealing}
        title={t('or.reveal')}
        onCancel={() => setRevealing(false)}
        onOk={() => revealForm.submit()}
        confirmLoading={reveal.isPending}
      >
        <Form
          form={revealForm}
          layout="vertical"
          initialValues={{ field: 'phone' }}
          onFinish={(v) => reveal.mutate(v)}
        >
          <Form.Item name="field">
            <Select
              options={(['personName', 'phone', 'idNumber'] as const).map((f) => ({
                value: f,
                label: t(`or.reveal.field.${f}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="reason" label={t('or.reveal.reason')} rules={[{ required: true, min: 4 }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}
