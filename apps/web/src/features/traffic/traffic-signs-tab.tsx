import { layoutSign } from '@ronghui/traffic';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Empty, Form, Input, Popconfirm, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { applyFieldErrors } from '../../api/apply-field-errors.ts';
import { describeError } from '../../api/describe-error.ts';
import { type TrafficSign, trafficApi, trafficKeys } from '../../api/traffic-api.ts';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import { SignMatrix } from './sign-matrix.tsx';

const deliveryColor = { ok: 'success', pending: 'processing', failed: 'error' } as const;
const sourceColor = {
  blank: 'default',
  hazard: 'orange',
  plate: 'red',
  convergence: 'red',
  override: 'blue',
} as const;

/** 情报板: each sign as drivers see it now, where its text comes from, whether the sign took it. */
export function SignsTab(props: {
  signs: readonly TrafficSign[];
  sectionNames: ReadonlyMap<string, string>;
  canOverride: boolean;
  selectedId: string | null;
}) {
  const t = useT();
  if (props.signs.length === 0) return <Empty description={t('traffic.signs.none')} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="traffic-signs">
      {props.signs.map((s) => (
        <SignCard
          key={s.id}
          sign={s}
          section={s.sectionId ? (props.sectionNames.get(s.sectionId) ?? null) : null}
          canOverride={props.canOverride}
          selected={s.id === props.selectedId}
        />
      ))}
    </Space>
  );
}

function SignCard(props: {
  sign: TrafficSign;
  section: string | null;
  canOverride: boolean;
  selected: boolean;
}) {
  const { sign: s } = props;
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<{ text: string; reason: string; until?: Dayjs | null }>();
  // What the typed text would look like on this sign, laid out as the server will lay it out.
  const typed = Form.useWatch('text', form) ?? '';
  const preview = layoutSign(typed.trim(), s.model);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trafficKeys.signs });
  const override = useMutation({
    mutationFn: (v: { text: string; reason: string; until?: Dayjs | null }) =>
      trafficApi.override(s.id, {
        text: v.text ?? '',
        reason: v.reason,
        ...(v.until ? { until: v.until.toISOString() } : {}),
      }),
    onSuccess: () => {
      setEditing(false);
      form.resetFields();
      refresh();
      message.success(t('traffic.signs.overrideSet'));
    },
    onError: (error) => {
      if (!applyFieldErrors(form, ['text', 'reason', 'until'], error)) message.error(describeError(error, t));
    },
  });
  const clear = useMutation({
    mutationFn: () => trafficApi.clearOverride(s.id),
    onSuccess: () => {
      refresh();
      message.success(t('traffic.signs.overrideCleared'));
    },
    onError: (error) => message.error(describeError(error, t)),
  });

  return (
    <Card
      size="small"
      data-testid="traffic-sign"
      data-sign-id={s.id}
      data-source={s.source}
      style={props.selected ? { borderColor: '#1677ff' } : undefined}
      title={
        <Space wrap>
          <span>{s.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {s.id}
            {props.section ? ` · ${props.section}` : ''}
          </Typography.Text>
        </Space>
      }
      extra={
        <Space size={4}>
          <Tag color={sourceColor[s.source]} data-testid="traffic-sign-source">
            {t(`traffic.source.${s.source}`)}
          </Tag>
          <Tag color={deliveryColor[s.delivery]}>{t(`traffic.delivery.${s.delivery}`)}</Tag>
          {!s.online && <Tag>{t('traffic.offline')}</Tag>}
        </Space>
      }
    >
      <SignMatrix
        model={s.model}
        lines={s.lines}
        color={s.source === 'plate' || s.source === 'convergence' ? 'red' : 'amber'}
        testId="traffic-sign-matrix"
      />
      <div style={{ marginTop: 6, fontSize: 12 }}>
        <span data-testid="traffic-sign-text">{s.text || t('traffic.signs.blank')}</span>
        <Typography.Text type="secondary">
          {' · '}
          {t('traffic.signs.model', {
            lines: s.model.lines,
            chars: s.model.charsPerLine,
            dots: s.model.dots,
          })}
          {s.expiresAt ? ` · ${t('traffic.signs.until', { at: formatDateTime(s.expiresAt) })}` : ''}
        </Typography.Text>
      </div>
      {props.canOverride && (
        <Space style={{ marginTop: 8 }}>
          {!editing && (
            <Button size="small" data-testid="traffic-override-open" onClick={() => setEditing(true)}>
              {t('traffic.signs.override')}
            </Button>
          )}
          {s.source === 'override' && (
            <Popconfirm title={t('traffic.signs.clearConfirm')} onConfirm={() => clear.mutate()}>
              <Button size="small" danger loading={clear.isPending} data-testid="traffic-override-clear">
                {t('traffic.signs.clear')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      )}
      {editing && (
        <Form
          form={form}
          layout="vertical"
          size="small"
          style={{ marginTop: 8 }}
          data-testid="traffic-override-form"
          onFinish={(v) => override.mutate(v)}
        >
          <Form.Item name="text" label={t('traffic.signs.text')} extra={t('traffic.signs.textHint')}>
            <Input.TextArea rows={2} maxLength={200} data-testid="traffic-override-text" />
          </Form.Item>
          <div style={{ marginBottom: 12 }} data-testid="traffic-override-preview" data-fits={preview.fits}>
            <SignMatrix
              model={s.model}
              lines={preview.fits ? preview.lines : preview.lines.slice(0, s.model.lines)}
            />
            {!preview.fits && (
              <Typography.Text type="warning" style={{ fontSize: 12 }}>
                {t('traffic.signs.tooLong', { n: preview.lines.length, max: s.model.lines })}
              </Typography.Text>
            )}
          </div>
          <Form.Item
            name="reason"
            label={t('traffic.signs.reason')}
            rules={[{ required: true, whitespace: true, message: t('traffic.signs.reasonRequired') }]}
          >
            <Input maxLength={200} data-testid="traffic-override-reason" />
          </Form.Item>
          <Form.Item name="until" label={t('traffic.signs.untilLabel')} extra={t('traffic.signs.untilHint')}>
            <DatePicker showTime />
          </Form.Item>
          <Space>
            <Button
              type="primary"
              htmlType="submit"
              loading={override.isPending}
              data-testid="traffic-override-save"
            >
              {t('traffic.signs.overrideSave')}
            </Button>
            <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      )}
    </Card>
  );
}
