import type { ServiceItem } from '@ronghui/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Form, Input, InputNumber, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { servicesApi } from '../../api/services-api.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';

interface Values {
  name: string;
  nameEn: string;
  promisedDays: number;
  statutoryDays: number;
  expeditedDays: number | null;
  feeYuan: number;
  materials: string;
  active: boolean;
}

/** 事项: the catalogue; a system administrator edits an item's limits, fee, materials and whether it is offered. */
export function CatalogueTab(props: { items: readonly ServiceItem[]; loading: boolean; canEdit: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<ServiceItem | null>(null);
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) =>
      servicesApi.patchItem(editing!.code, {
        name: v.name,
        nameEn: v.nameEn,
        promisedDays: v.promisedDays,
        statutoryDays: v.statutoryDays,
        expeditedDays: v.expeditedDays ?? null,
        feeYuan: v.feeYuan,
        materials: v.materials
          .split('\n')
          .map((m) => m.trim())
          .filter(Boolean),
        active: v.active,
      }),
    onSuccess: () => {
      setEditing(null);
      void queryClient.invalidateQueries({ queryKey: ['services', 'items'] });
    },
    onError: (error) => message.error(describeError(error, t)),
  });
  return (
    <div data-testid="svc-catalogue">
      <Table<ServiceItem>
        size="small"
        rowKey="code"
        loading={props.loading}
        dataSource={[...props.items]}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('svc.item.code'), dataIndex: 'code', width: 90 },
          { title: t('svc.item.name'), dataIndex: 'name' },
          {
            title: t('svc.item.category'),
            width: 100,
            render: (_, r) => t(`svc.category.${r.category}` as MessageKey),
          },
          {
            title: t('svc.item.limit'),
            width: 140,
            render: (_, r) =>
              r.kind === 'immediate'
                ? t('svc.item.immediate')
                : t('svc.item.promised', { days: r.promisedDays }),
          },
          {
            title: t('svc.item.fee'),
            width: 80,
            render: (_, r) => (r.feeYuan > 0 ? `¥${r.feeYuan}` : t('svc.item.free')),
          },
          {
            title: t('svc.item.channels'),
            width: 180,
            render: (_, r) => r.channels.map((c) => <Tag key={c}>{t(`svc.channel.${c}` as MessageKey)}</Tag>),
          },
          { title: t('svc.item.active'), width: 70, render: (_, r) => (r.active ? '✓' : '—') },
          {
            title: t('common.actions'),
            width: 80,
            render: (_, r) =>
              props.canEdit ? (
                <Button
                  size="small"
                  onClick={() => {
                    setEditing(r);
                    form.setFieldsValue({ ...r, materials: r.materials.join('\n') });
                  }}
                >
                  {t('common.edit')}
                </Button>
              ) : null,
          },
        ]}
      />
      <Drawer
        open={editing !== null}
        title={editing ? `${editing.code} ${editing.name}` : ''}
        width={480}
        onClose={() => setEditing(null)}
        extra={
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        }
      >
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item name="name" label={t('svc.item.name')} rules={[{ required: true }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="nameEn" label={t('svc.item.nameEn')} rules={[{ required: true }]}>
            <Input maxLength={120} />
          </Form.Item>
          <Form.Item name="statutoryDays" label={t('svc.item.statutoryDays')}>
            <InputNumber min={0} max={365} />
          </Form.Item>
          <Form.Item name="promisedDays" label={t('svc.item.promisedDays')}>
            <InputNumber min={0} max={365} />
          </Form.Item>
          <Form.Item name="expeditedDays" label={t('svc.item.expeditedDays')}>
            <InputNumber min={0} max={365} />
          </Form.Item>
          <Form.Item name="feeYuan" label={t('svc.item.fee')}>
            <InputNumber min={0} max={100000} />
          </Form.Item>
          <Form.Item name="materials" label={t('svc.item.materials')}>
            <Input.TextArea rows={5} />
          </Form.Item>
          <Form.Item name="active" label={t('svc.item.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Drawer>
    </div>
  );
}
