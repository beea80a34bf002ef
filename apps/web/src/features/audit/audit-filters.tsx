import { Button, DatePicker, Form, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import type { AuditOutcome } from '@ronghui/contracts';
import { shanghaiWallTimeToIso } from '../../i18n/format-datetime.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import { useScreen } from '../../app/use-screen.ts';

export interface AuditFilterValues {
  from?: string | undefined;
  to?: string | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  outcome?: AuditOutcome | undefined;
  q?: string | undefined;
}

interface FormValues {
  range?: [Dayjs | null, Dayjs | null] | null;
  actor?: string;
  action?: string;
  outcome?: AuditOutcome;
  q?: string;
}

const wallTime = (value: Dayjs | null | undefined) =>
  value ? shanghaiWallTimeToIso(value.format('YYYY-MM-DDTHH:mm:ss')) : undefined;
const text = (value: string | undefined) => value?.trim() || undefined;

/** Filters of the audit log; picked times are read as Beijing time. */
export function AuditFilters({ onChange }: { onChange: (filters: AuditFilterValues) => void }) {
  const t = useT();
  const [form] = Form.useForm<FormValues>();
  // A phone has no room for a row of filters: they stack, the time range at full width.
  const { phone } = useScreen();
  const apply = (values: FormValues) =>
    onChange({
      from: wallTime(values.range?.[0]),
      to: wallTime(values.range?.[1]),
      actor: text(values.actor),
      action: text(values.action),
      outcome: values.outcome,
      q: text(values.q),
    });

  return (
    <Form<FormValues>
      form={form}
      layout={phone ? 'vertical' : 'inline'}
      onFinish={apply}
      style={phone ? undefined : { rowGap: 12 }}
    >
      <Form.Item name="range" label={t('audit.timeRange')}>
        <DatePicker.RangePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          allowEmpty={[true, true]}
          style={phone ? { width: '100%' } : undefined}
        />
      </Form.Item>
      <Form.Item name="actor" label={t('audit.actor')}>
        <Input allowClear style={{ width: 140 }} />
      </Form.Item>
      <Form.Item name="action" label={t('audit.action')}>
        <Input allowClear style={{ width: 160 }} placeholder="auth.login" />
      </Form.Item>
      <Form.Item name="outcome" label={t('audit.outcome')}>
        <Select
          allowClear
          style={{ width: 110 }}
          options={(['ok', 'denied', 'error'] as const).map((o) => ({
            value: o,
            label: t(`audit.outcome.${o}`),
          }))}
        />
      </Form.Item>
      <Form.Item name="q" label={t('audit.q')}>
        <Input allowClear style={{ width: 180 }} placeholder={t('audit.qPlaceholder')} />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {t('common.search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              onChange({});
            }}
          >
            {t('common.reset')}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
