import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Divider, Form, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { applyFieldErrors } from '../../api/apply-field-errors.ts';
import { describeError } from '../../api/describe-error.ts';
import { type TrafficRules, type TrafficTemplate, trafficApi, trafficKeys } from '../../api/traffic-api.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { levelTagColors } from './traffic-view.ts';

/** The thresholds, in the form's order, with their step and unit. */
const RULE_FIELDS: { key: keyof TrafficRules; step: number; unit: string }[] = [
  { key: 'fogYellowM', step: 10, unit: 'm' },
  { key: 'fogOrangeM', step: 10, unit: 'm' },
  { key: 'fogRedM', step: 10, unit: 'm' },
  { key: 'iceSurfaceC', step: 0.5, unit: '℃' },
  { key: 'iceFriction', step: 0.05, unit: 'μ' },
  { key: 'iceRedFriction', step: 0.05, unit: 'μ' },
  { key: 'slipperyFriction', step: 0.05, unit: 'μ' },
  { key: 'windYellowMs', step: 1, unit: 'm/s' },
  { key: 'windOrangeMs', step: 1, unit: 'm/s' },
  { key: 'windRedMs', step: 1, unit: 'm/s' },
  { key: 'rainYellowMmH', step: 1, unit: 'mm/h' },
  { key: 'rainOrangeMmH', step: 1, unit: 'mm/h' },
  { key: 'rainRedMmH', step: 1, unit: 'mm/h' },
  { key: 'visibilityHysteresis', step: 0.05, unit: '×' },
  { key: 'temperatureHysteresisC', step: 0.5, unit: '℃' },
  { key: 'frictionHysteresis', step: 0.01, unit: 'μ' },
  { key: 'minOnSeconds', step: 10, unit: 's' },
  { key: 'minOffSeconds', step: 10, unit: 's' },
];

/** 规则: the county's thresholds and the sign message of each condition and level. */
export function RulesTab({ canManage }: { canManage: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: trafficKeys.rules, queryFn: trafficApi.settings });
  const [form] = Form.useForm<TrafficRules>();
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data.rules);
  }, [settings.data, form]);
  const save = useMutation({
    mutationFn: (rules: TrafficRules) => trafficApi.putRules(rules),
    onSuccess: (data) => {
      queryClient.setQueryData(trafficKeys.rules, data);
      message.success(t('traffic.saved'));
    },
    onError: (error) => {
      if (
        !applyFieldErrors(
          form,
          RULE_FIELDS.map((f) => f.key),
          error,
        )
      )
        message.error(describeError(error, t));
    },
  });

  return (
    <div data-testid="traffic-rules">
      <Form form={form} layout="vertical" size="small" disabled={!canManage} onFinish={(v) => save.mutate(v)}>
        <Space wrap size={[12, 0]} align="start">
          {RULE_FIELDS.map((f) => (
            <Form.Item
              key={f.key}
              name={f.key}
              label={t(`traffic.rule.${f.key}` as MessageKey)}
              rules={[{ required: true }]}
            >
              <InputNumber step={f.step} suffix={f.unit} style={{ width: 140 }} />
            </Form.Item>
          ))}
        </Space>
        {settings.data && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('traffic.rules.retention', {
              readings: settings.data.readingRetentionDays,
              plates: settings.data.plateRetentionDays,
            })}
          </Typography.Paragraph>
        )}
        {canManage && (
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="traffic-rules-save">
            {t('common.save')}
          </Button>
        )}
      </Form>
      <Divider titlePlacement="start">{t('traffic.templates.title')}</Divider>
      <Templates canManage={canManage} />
    </div>
  );
}

function Templates({ canManage }: { canManage: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const templates = useQuery({ queryKey: trafficKeys.templates, queryFn: trafficApi.templates });
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState({ label: '', advice: '', priority: 50 });
  const save = useMutation({
    mutationFn: (tpl: TrafficTemplate) => trafficApi.putTemplate(tpl.condition, tpl.level, draft),
    onSuccess: () => {
      setEditing(null);
      void queryClient.invalidateQueries({ queryKey: trafficKeys.templates });
      message.success(t('traffic.saved'));
    },
    onError: (error) => message.error(describeError(error, t)),
  });
  const keyOf = (tpl: TrafficTemplate) => `${tpl.condition}/${tpl.level}`;
  return (
    <Table<TrafficTemplate>
      size="small"
      rowKey={keyOf}
      data-testid="traffic-templates"
      loading={templates.isPending}
      dataSource={templates.data?.items ?? []}
      pagination={false}
      scroll={{ x: 640 }}
      columns={[
        {
          title: t('traffic.templates.condition'),
          width: 130,
          render: (_, tpl) => (
            <Space size={4}>
              {t(`traffic.condition.${tpl.condition}`)}
              <Tag color={levelTagColors[tpl.level]}>{t(`traffic.level.${tpl.level}`)}</Tag>
            </Space>
          ),
        },
        {
          title: t('traffic.templates.label'),
          width: 120,
          render: (_, tpl) =>
            editing === keyOf(tpl) ? (
              <Input
                value={draft.label}
                maxLength={20}
                onChange={(e) => setDraft({ ...draft, label: e.target.value })}
              />
            ) : (
              tpl.label
            ),
        },
        {
          title: t('traffic.templates.advice'),
          render: (_, tpl) =>
            editing === keyOf(tpl) ? (
              <Input
                value={draft.advice}
                maxLength={60}
                onChange={(e) => setDraft({ ...draft, advice: e.target.value })}
              />
            ) : (
              tpl.advice
            ),
        },
        {
          title: t('traffic.templates.priority'),
          width: 80,
          render: (_, tpl) =>
            editing === keyOf(tpl) ? (
              <InputNumber
                min={1}
                max={99}
                value={draft.priority}
                onChange={(v) => setDraft({ ...draft, priority: v ?? draft.priority })}
              />
            ) : (
              tpl.priority
            ),
        },
        ...(canManage
          ? [
              {
                title: t('common.actions'),
                width: 120,
                render: (_: unknown, tpl: TrafficTemplate) =>
                  editing === keyOf(tpl) ? (
                    <Space size={4}>
                      <Button
                        size="small"
                        type="link"
                        loading={save.isPending}
                        onClick={() => save.mutate(tpl)}
                      >
                        {t('common.save')}
                      </Button>
                      <Button size="small" type="link" onClick={() => setEditing(null)}>
                        {t('common.cancel')}
                      </Button>
                    </Space>
                  ) : (
                    <Button
                      size="small"
                      type="link"
                      onClick={() => {
                        setEditing(keyOf(tpl));
                        setDraft({ label: tpl.label, advice: tpl.advice, priority: tpl.priority });
                      }}
                    >
                      {t('common.edit')}
                    </Button>
                  ),
              },
            ]
          : []),
      ]}
    />
  );
}
