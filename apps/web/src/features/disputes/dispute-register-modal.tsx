import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  DISPUTE_KINDS,
  DISPUTE_MEDIATOR_ROLES,
  DISPUTE_RISKS,
  type DisputeCreateBody,
  type DisputeDetail,
} from '@ronghui/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Select, Space } from 'antd';
import { describeError } from '../../api/describe-error.ts';
import { fetchOrgGeojson } from '../../api/orgs-api.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { disputesApi } from '../../api/disputes-api.ts';

interface FormValues {
  kind: DisputeCreateBody['kind'];
  risk: DisputeCreateBody['risk'];
  description: string;
  address?: string;
  gridId?: string;
  parties: { name: string; phone?: string; idNumber?: string }[];
  mediators: { name: string; role: DisputeCreateBody['mediators'][number]['role'] }[];
}

const blankToUndefined = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

/** 纠纷登记: kind, risk, place (a grid), parties and mediators. */
export function DisputeRegisterModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (d: DisputeDetail) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const orgs = useQuery({ queryKey: ['orgs', 'geojson'], queryFn: fetchOrgGeojson, staleTime: 5 * 60_000 });
  const grids = (orgs.data?.features ?? [])
    .filter((f) => f.properties.kind === 'grid')
    .map((f) => ({ value: f.properties.id, label: f.properties.name }));
  const create = useMutation({
    mutationFn: (v: FormValues) =>
      disputesApi.create({
        kind: v.kind,
        risk: v.risk,
        description: v.description,
        address: blankToUndefined(v.address),
        gridId: v.gridId,
        parties: v.parties.map((p) => ({
          name: p.name,
          phone: blankToUndefined(p.phone),
          idNumber: blankToUndefined(p.idNumber),
        })),
        mediators: (v.mediators ?? []).filter((m) => m?.name),
      }),
    onSuccess: (d) => {
      message.success(t('disputes.registered'));
      form.resetFields();
      onCreated(d);
    },
    onError: (error) => message.error(describeError(error, t)),
  });
  return (
    <Modal
      open={open}
      title={t('disputes.register')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: create.isPending, 'data-testid': 'dispute-register-submit' }}
      width={720}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="dispute-register-form"
        initialValues={{ risk: 'blue', parties: [{}, {}], mediators: [{ role: 'grid-worker' }] }}
        onFinish={(v) => create.mutate(v)}
      >
        <Space size={12} style={{ width: '100%' }} wrap>
          <Form.Item name="kind" label={t('disputes.field.kind')} rules={[{ required: true }]}>
            <Select
              style={{ width: 160 }}
              data-testid="dispute-kind"
              options={DISPUTE_KINDS.map((k) => ({ value: k, label: t(`disputes.kind.${k}` as MessageKey) }))}
            />
          </Form.Item>
          <Form.Item name="risk" label={t('disputes.field.risk')} rules={[{ required: true }]}>
            <Select
              style={{ width: 120 }}
              options={DISPUTE_RISKS.map((r) => ({ value: r, label: t(`disputes.risk.${r}` as MessageKey) }))}
            />
          </Form.Item>
          <Form.Item name="gridId" label={t('disputes.field.grid')} extra={t('disputes.place.hint')}>
            <Select
              style={{ width: 240 }}
              showSearch={{ optionFilterProp: 'label' }}
              allowClear
              data-testid="dispute-grid"
              options={grids}
            />
          </Form.Item>
        </Space>
        <Form.Item name="address" label={t('disputes.field.address')}>
          <Input maxLength={200} data-testid="dispute-address" />
        </Form.Item>
        <Form.Item name="description" label={t('disputes.field.description')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="dispute-description" />
        </Form.Item>
        <Form.List name="parties">
          {(fields, { add, remove }) => (
            <fieldset style={{ border: 0, padding: 0 }}>
              <legend style={{ fontSize: 14 }}>{t('disputes.field.parties')}</legend>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true }]}>
                    <Input placeholder={t('disputes.field.partyName')} data-testid={`party-name-${i}`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'phone']}>
                    <Input placeholder={t('disputes.field.partyPhone')} data-testid={`party-phone-${i}`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'idNumber']}>
                    <Input
                      placeholder={t('disputes.field.partyId')}
                      style={{ width: 200 }}
                      data-testid={`party-id-${i}`}
                    />
                  </Form.Item>
                  {fields.length > 1 ? <MinusCircleOutlined onClick={() => remove(f.name)} /> : null}
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                {t('disputes.addParty')}
              </Button>
            </fieldset>
          )}
        </Form.List>
        <Form.List name="mediators">
          {(fields, { add, remove }) => (
            <fieldset style={{ border: 0, padding: 0, marginTop: 12 }}>
              <legend style={{ fontSize: 14 }}>{t('disputes.field.mediators')}</legend>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'name']}>
                    <Input
                      placeholder={t('disputes.field.mediatorName')}
                      data-testid={`mediator-name-${i}`}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'role']}>
                    <Select
                      style={{ width: 160 }}
                      data-testid={`mediator-role-${i}`}
                      options={DISPUTE_MEDIATOR_ROLES.map((r) => ({
                        value: r,
                        label: t(`disputes.role.${r}` as MessageKey),
                      }))}
                    />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                data-testid="add-mediator"
                onClick={() => add({ role: 'village-cadre' })}
              >
                {t('disputes.addMediator')}
              </Button>
            </fieldset>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
