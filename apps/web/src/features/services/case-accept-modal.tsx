import type { ServiceItem } from '@ronghui/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, type ButtonProps, Checkbox, Form, Input, Modal, Select, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { type ServiceCase, servicesApi, servicesKeys } from '../../api/services-api.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import { AttributeFields, attributeValues } from './attribute-fields.tsx';

interface Values {
  itemCode: string;
  applicantName: string;
  applicantPhone?: string;
  applicantIdNumber?: string;
  expedited?: boolean;
  attributes?: Record<string, string | number | string[]>;
}

/**
 * 受理办件: one case per item. Opened from a ticket it is prefilled with the ticket's items and takes them
 * one after another, keeping the applicant (a citizen may do several items in one visit).
 */
export function CaseAcceptModal(props: {
  open: boolean;
  hallId: string;
  items: readonly ServiceItem[];
  ticketId?: string;
  /** The ticket's items still without a case. */
  itemCodes?: readonly string[];
  onClose: () => void;
  onAccepted?: (c: ServiceCase) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [done, setDone] = useState<string[]>([]);
  const itemCode = Form.useWatch('itemCode', form);
  const item = props.items.find((i) => i.code === itemCode);
  const pending = (props.itemCodes ?? []).filter((c) => !done.includes(c));

  useEffect(() => {
    if (!props.open) return;
    setDone([]);
    form.resetFields();
    form.setFieldsValue({ itemCode: props.itemCodes?.[0] });
  }, [props.open, props.itemCodes, form]);

  const accept = useMutation({
    mutationFn: (v: Values) =>
      servicesApi.accept({
        itemCode: v.itemCode,
        hallId: props.hallId,
        ticketId: props.ticketId,
        applicantName: v.applicantName,
        applicantPhone: v.applicantPhone || undefined,
        applicantIdNumber: v.applicantIdNumber || undefined,
        expedited: Boolean(v.expedited && item?.expeditedDays !== null),
        channel: 'window',
        attributes: attributeValues(item?.attributes ?? [], v.attributes),
      }),
    onSuccess: (c) => {
      message.success(t('svc.accept.done', { number: c.number, deadline: c.deadline }));
      void queryClient.invalidateQueries({ queryKey: servicesKeys.all });
      props.onAccepted?.(c);
      const left = pending.filter((code) => code !== c.itemCode);
      setDone((d) => [...d, c.itemCode]);
      if (left.length > 0) {
        // The same applicant, the next item of the visit.
        form.setFieldsValue({ itemCode: left[0], expedited: false, attributes: undefined });
      } else props.onClose();
    },
    onError: (error) => message.error(describeError(error, t)),
  });

  return (
    <Modal
      open={props.open}
      title={t('svc.accept.title')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={t('svc.accept.submit')}
      okButtonProps={{ loading: accept.isPending, 'data-testid': 'svc-accept-submit' } as ButtonProps}
      destroyOnHidden
      width={640}
    >
      {(props.itemCodes?.length ?? 0) > 0 && (
        <div style={{ marginBottom: 12 }} data-testid="svc-accept-items">
          {props.itemCodes!.map((code) => (
            <Tag key={code} color={done.includes(code) ? 'green' : 'blue'}>
              {props.items.find((i) => i.code === code)?.name ?? code}
              {done.includes(code) ? ` ✓` : ''}
            </Tag>
          ))}
        </div>
      )}
      <Form form={form} layout="vertical" onFinish={(v) => accept.mutate(v)} data-testid="svc-accept-form">
        <Form.Item
          name="itemCode"
          label={t('svc.case.item')}
          rules={[{ required: true, message: t('svc.form.required') }]}
        >
          <Select
            showSearch
            data-testid="svc-accept-item"
            optionFilterProp="label"
            options={props.items
              .filter((i) => i.active)
              .map((i) => ({ value: i.code, label: `${i.code} ${i.name}` }))}
          />
        </Form.Item>
        {item && (
          <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
            {item.kind === 'immediate'
              ? t('svc.item.immediate')
              : t('svc.item.promised', { days: item.promisedDays })}
            {item.materials.length > 0 && ` · ${t('svc.item.materials')}：${item.materials.join('、')}`}
          </Typography.Paragraph>
        )}
        <Form.Item
          name="applicantName"
          label={t('svc.case.applicant')}
          rules={[{ required: true, whitespace: true, message: t('svc.form.required') }]}
        >
          <Input data-testid="svc-accept-name" maxLength={40} />
        </Form.Item>
        <Form.Item
          name="applicantPhone"
          label={t('svc.case.phone')}
          rules={[{ pattern: /^1[3-9]\d{9}$/, message: t('svc.form.phone') }]}
        >
          <Input data-testid="svc-accept-phone" inputMode="tel" maxLength={11} />
        </Form.Item>
        <Form.Item name="applicantIdNumber" label={t('svc.case.idNumber')}>
          <Input data-testid="svc-accept-id" maxLength={18} />
        </Form.Item>
        {item && item.expeditedDays !== null && (
          <Form.Item name="expedited" valuePropName="checked">
            <Checkbox data-testid="svc-accept-expedited">
              {t('svc.case.expeditedDays', { days: item.expeditedDays })}
            </Checkbox>
          </Form.Item>
        )}
        {item && <AttributeFields attributes={item.attributes} />}
      </Form>
    </Modal>
  );
}
