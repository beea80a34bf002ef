import {
  INCIDENT_SOURCES,
  type IncidentCreateBody,
  type IncidentCreated,
  type IncidentSource,
} from '@ronghui/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Radio, Select, Space, TreeSelect } from 'antd';
import { useMemo } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { useLocale, useT } from '../../i18n/i18n-context.tsx';
import { AddressInput } from './address-input.tsx';
import { categoryTree } from './category-tree.ts';
import { dispatchApi } from '../../api/dispatch-api.ts';

interface IntakeValues {
  source: IncidentSource;
  category: string;
  priority: number;
  address?: string;
  description?: string;
  callerName?: string;
  callerPhone?: string;
}

export interface IntakeFormProps {
  picked: { lon: number; lat: number } | null;
  picking: boolean;
  onPickOnMap: () => void;
  onClearPick: () => void;
  onCreated: (incident: IncidentCreated) => void;
}

/** 接警: category, priority, an address or a point clicked on the map, the caller. */
export function IntakeForm({ picked, picking, onPickOnMap, onClearPick, onCreated }: IntakeFormProps) {
  const t = useT();
  const { locale } = useLocale();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<IntakeValues>();
  const queryClient = useQueryClient();
  const tree = useMemo(() => categoryTree(locale), [locale]);

  const create = useMutation({
    mutationFn: (body: IncidentCreateBody) => dispatchApi.createIncident(body),
    onSuccess: (incident) => {
      void queryClient.invalidateQueries({ queryKey: ['dispatch', 'incidents'] });
      message.success(t('dispatch.intake.created', { number: incident.number }));
      const duplicates = incident.possibleDuplicates;
      if (duplicates.length > 0) {
        modal.warning({
          title: t('dispatch.intake.duplicates', { n: duplicates.length }),
          content: (
            <ul data-testid="duplicate-warning" style={{ paddingLeft: 16 }}>
              {duplicates.map((d) => (
                <li key={d.id}>
                  {t('dispatch.intake.duplicate', {
                    number: d.number,
                    m: d.distanceMeters,
                    min: d.minutesAgo,
                  })}
                </li>
              ))}
            </ul>
          ),
        });
      }
      form.resetFields(['address', 'description', 'callerName', 'callerPhone']);
      onClearPick();
      onCreated(incident);
    },
  });

  const submit = (v: IntakeValues) => {
    const address = v.address?.trim();
    const caller =
      v.callerName || v.callerPhone
        ? {
            ...(v.callerName ? { name: v.callerName } : {}),
            ...(v.callerPhone ? { phone: v.callerPhone } : {}),
          }
        : undefined;
    create.mutate({
      source: v.source,
      category: v.category,
      priority: v.priority,
      description:
        v.description?.trim() || `${address ?? ''} ${t('dispatch.intake.defaultDescription')}`.trim(),
      ...(address ? { address } : {}),
      ...(picked ? { location: picked } : {}),
      ...(caller ? { caller } : {}),
    });
  };

  return (
    <Form
      form={form}
      layout="vertical"
      size="small"
      data-testid="intake-form"
      initialValues={{ source: '110', priority: 2 }}
      onFinish={submit}
    >
      <Space.Compact block>
        <Form.Item name="source" label={t('dispatch.intake.source')} style={{ width: '40%' }}>
          <Select options={INCIDENT_SOURCES.map((s) => ({ value: s, label: t(`dispatch.source.${s}`) }))} />
        </Form.Item>
        <Form.Item name="priority" label={t('dispatch.intake.priority')} style={{ width: '60%' }}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[1, 2, 3].map((p) => ({ value: p, label: t(`dispatch.priority.${p as 1 | 2 | 3}`) }))}
          />
        </Form.Item>
      </Space.Compact>
      <Form.Item
        name="category"
        label={t('dispatch.intake.category')}
        rules={[{ required: true, message: t('dispatch.intake.categoryRequired') }]}
      >
        <TreeSelect
          treeData={tree}
          showSearch
          treeNodeFilterProp="title"
          placeholder={t('dispatch.intake.categoryHint')}
        />
      </Form.Item>
      <Form.Item
        name="address"
        label={t('dispatch.intake.address')}
        rules={[
          {
            validator: (_, value: string | undefined) =>
              value?.trim() || picked
                ? Promise.resolve()
                : Promise.reject(new Error(t('dispatch.intake.whereRequired'))),
          },
        ]}
      >
        <AddressInput picking={picking} onPickOnMap={onPickOnMap} />
      </Form.Item>
      {picked && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          title={t('dispatch.intake.picked', { lon: picked.lon.toFixed(5), lat: picked.lat.toFixed(5) })}
          action={
            <Button size="small" type="link" onClick={onClearPick}>
              {t('common.reset')}
            </Button>
          }
        />
      )}
      {picking && !picked && (
        <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t('dispatch.intake.clickMap')} />
      )}
      <Form.Item name="description" label={t('dispatch.intake.description')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Space.Compact block>
        <Form.Item name="callerName" label={t('dispatch.intake.callerName')} style={{ width: '45%' }}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          name="callerPhone"
          label={t('dispatch.intake.callerPhone')}
          style={{ width: '55%' }}
          rules={[{ pattern: /^[0-9+\-\s]{3,20}$/, message: t('dispatch.intake.phoneInvalid') }]}
        >
          <Input maxLength={20} />
        </Form.Item>
      </Space.Compact>
      {create.isError && (
        <Alert type="error" showIcon style={{ marginBottom: 8 }} title={describeError(create.error, t)} />
      )}
      <Button type="primary" htmlType="submit" block loading={create.isPending}>
        {t('dispatch.intake.submit')}
      </Button>
    </Form>
  );
}
