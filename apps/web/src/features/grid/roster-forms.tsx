import {
  ROSTER_ROLES,
  type RosterCreateBody,
  type RosterEndBody,
  type RosterEntry,
} from '@ronghui/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { applyFieldErrors } from '../../api/apply-field-errors.ts';
import { describeError } from '../../api/describe-error.ts';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import { gridApi } from '../../api/grid-api.ts';

type AppointValues = Omit<RosterCreateBody, 'gridId'>;
const APPOINT_FIELDS = ['role', 'name', 'phone', 'startsOn'];
const END_FIELDS = ['endsOn', 'reason'];

/** Today in Beijing, as the date inputs want it. */
const today = () => formatDateTime(new Date()).slice(0, 10);

/** The roles that usually serve a police grid, and those of a community grid ("1+2+N"). */
const ROLES_OF = {
  police: ['community-officer', 'auxiliary', 'assistant', 'volunteer'],
  community: ['full-time', 'part-time', 'village-cadre', 'volunteer'],
} as const satisfies Record<'police' | 'community', readonly (typeof ROSTER_ROLES)[number][]>;

function useRosterWrite<V>(
  form: ReturnType<typeof Form.useForm<V>>[0],
  fields: readonly string[],
  send: (values: V) => Promise<RosterEntry>,
  onDone: () => void,
) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => {
      message.success(t('grid.roster.saved'));
      void queryClient.invalidateQueries({ queryKey: ['grid'] });
      onDone();
    },
    // The server's problem+json names the field: its message goes under that field.
    onError: (error) => {
      if (!applyFieldErrors(form, fields, error)) message.error(describeError(error, t));
    },
  });
}

/** Appoints someone to a grid: role, name, contact phone and the first day of service. */
export function AppointModal(props: { gridId: string; layer: 'police' | 'community'; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<AppointValues>();
  const save = useRosterWrite(
    form,
    APPOINT_FIELDS,
    (v) =>
      gridApi.appoint({
        gridId: props.gridId,
        role: v.role,
        name: v.name,
        startsOn: v.startsOn,
        ...(v.phone ? { phone: v.phone } : {}),
      }),
    props.onClose,
  );
  const roles = [
    ...ROLES_OF[props.layer],
    ...ROSTER_ROLES.filter((r) => !ROLES_OF[props.layer].includes(r as never)),
  ];
  return (
    <Modal
      open
      title={t('grid.appoint.title')}
      onCancel={props.onClose}
      onOk={() => form.validateFields().then((v) => save.mutate(v))}
      okText={t('grid.appoint.submit')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'appoint-submit' } as Record<`data-${string}`, string>}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ role: ROLES_OF[props.layer][0], startsOn: today() }}
        data-testid="appoint-form"
      >
        <Form.Item name="role" label={t('grid.roster.role')} rules={[{ required: true }]}>
          <Select
            data-testid="appoint-role"
            options={roles.map((r) => ({ value: r, label: t(`grid.role.${r}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('grid.roster.name')}
          rules={[{ required: true, whitespace: true, message: t('grid.appoint.nameRule') }]}
        >
          <Input maxLength={40} data-testid="appoint-name" />
        </Form.Item>
        <Form.Item name="phone" label={t('grid.appoint.phone')} extra={t('grid.appoint.phoneHint')}>
          <Input maxLength={20} inputMode="tel" data-testid="appoint-phone" />
        </Form.Item>
        <Form.Item name="startsOn" label={t('grid.appoint.startsOn')} rules={[{ required: true }]}>
          <Input type="date" data-testid="appoint-starts-on" />
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary">{t('grid.appoint.audited')}</Typography.Paragraph>
    </Modal>
  );
}

/** Ends an appointment on a day and for a reason; the entry stays in the roster's history. */
export function EndModal(props: { entry: RosterEntry; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<RosterEndBody>();
  const save = useRosterWrite(form, END_FIELDS, (v) => gridApi.end(props.entry.id, v), props.onClose);
  return (
    <Modal
      open
      title={t('grid.end.title', {
        name: props.entry.name,
        role: t(`grid.role.${props.entry.role}`),
      })}
      onCancel={props.onClose}
      onOk={() => form.validateFields().then((v) => save.mutate(v))}
      okText={t('grid.end.submit')}
      okButtonProps={{
        danger: true,
        ...({ 'data-testid': 'end-submit' } as Record<`data-${string}`, string>),
      }}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('grid.end.since', { day: props.entry.startsOn })}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ endsOn: today(), reason: '' }}
        data-testid="end-form"
      >
        <Form.Item name="endsOn" label={t('grid.end.endsOn')} rules={[{ required: true }]}>
          <Input type="date" data-testid="end-ends-on" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('grid.end.reason')}
          rules={[{ required: true, whitespace: true, message: t('grid.end.reasonRule') }]}
        >
          <Input maxLength={200} placeholder={t('grid.end.reasonPlaceholder')} data-testid="end-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
