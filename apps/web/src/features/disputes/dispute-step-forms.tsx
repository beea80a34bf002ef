import type { DisputeDetail } from '@ronghui/contracts';
import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, Modal } from 'antd';
import { describeError } from '../../api/describe-error.ts';
import { shanghaiWallTimeToIso } from '../../i18n/format-datetime.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { disputesApi } from '../../api/disputes-api.ts';

export type StepKind = 'meeting' | 'agreement' | 'follow-up';

/** Now as a Beijing wall time for a datetime-local input (YYYY-MM-DDTHH:mm). */
function nowWallTime(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 16);
}

const TITLES: Record<StepKind, MessageKey> = {
  meeting: 'disputes.meeting.add',
  agreement: 'disputes.agreement.record',
  'follow-up': 'disputes.followUp.add',
};
const SAVED: Record<StepKind, MessageKey> = {
  meeting: 'disputes.meeting.saved',
  agreement: 'disputes.agreement.saved',
  'follow-up': 'disputes.followUp.saved',
};

type Values = Record<string, string | undefined>;

/** The forms of a mediation step: a meeting, the agreement (调解协议书), a follow-up visit. */
export function DisputeStepModal({
  dispute,
  kind,
  onClose,
  onSaved,
}: {
  dispute: DisputeDetail;
  kind: StepKind | null;
  onClose: () => void;
  onSaved: (d: DisputeDetail) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) => {
      if (kind === 'meeting')
        return disputesApi.meeting(dispute.id, {
          at: shanghaiWallTimeToIso(v.at ?? nowWallTime()),
          place: v.place ?? '',
          attendees: (v.attendees ?? '')
            .split(/[，,、\s]+/)
            .map((s) => s.trim())
            .filter(Boolean),
          summary: v.summary ?? '',
          outcome: v.outcome ?? '',
        });
      if (kind === 'agreement')
        return disputesApi.agreement(dispute.id, {
          facts: v.facts ?? '',
          responsibilities: v.responsibilities ?? '',
          obligations: v.obligations ?? '',
          performance: v.performance ?? '',
          ...(v.performBy ? { performBy: v.performBy } : {}),
        });
      return disputesApi.followUp(dispute.id, { note: v.note ?? '' });
    },
    onSuccess: (d) => {
      if (kind) message.success(t(SAVED[kind]));
      form.resetFields();
      onSaved(d);
    },
    onError: (error) => message.error(describeError(error, t)),
  });
  const required = [{ required: true }];
  const lastPlace = dispute.meetings.at(-1)?.place ?? dispute.address ?? '';
  const attendees = [...dispute.parties.map((p) => p.name), ...dispute.mediators.map((m) => m.name)].join(
    '、',
  );
  return (
    <Modal
      open={kind !== null}
      title={kind ? t(TITLES[kind]) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'dispute-step-submit' }}
      width={640}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        data-testid={`dispute-${kind}-form`}
        initialValues={
          kind === 'meeting'
            ? { at: nowWallTime(), place: lastPlace, attendees }
            : { facts: dispute.description }
        }
        onFinish={(v) => save.mutate(v)}
      >
        {kind === 'meeting' ? (
          <>
            <Form.Item name="at" label={t('disputes.meeting.at')} rules={required}>
              <Input type="datetime-local" data-testid="meeting-at" />
            </Form.Item>
            <Form.Item name="place" label={t('disputes.meeting.place')} rules={required}>
              <Input maxLength={200} data-testid="meeting-place" />
            </Form.Item>
            <Form.Item name="attendees" label={t('disputes.meeting.attendees')} rules={required}>
              <Input data-testid="meeting-attendees" />
            </Form.Item>
            <Form.Item name="summary" label={t('disputes.meeting.summary')} rules={required}>
              <Input.TextArea rows={3} maxLength={2000} data-testid="meeting-summary" />
            </Form.Item>
            <Form.Item name="outcome" label={t('disputes.meeting.outcome')} rules={required}>
              <Input maxLength={500} data-testid="meeting-outcome" />
            </Form.Item>
          </>
        ) : null}
        {kind === 'agreement' ? (
          <>
            <Form.Item name="facts" label={t('disputes.agreement.facts')} rules={required}>
              <Input.TextArea rows={3} maxLength={4000} data-testid="agreement-facts" />
            </Form.Item>
            <Form.Item
              name="responsibilities"
              label={t('disputes.agreement.responsibilities')}
              rules={required}
            >
              <Input.TextArea rows={2} maxLength={2000} data-testid="agreement-responsibilities" />
            </Form.Item>
            <Form.Item name="obligations" label={t('disputes.agreement.obligations')} rules={required}>
              <Input.TextArea rows={3} maxLength={2000} data-testid="agreement-obligations" />
            </Form.Item>
            <Form.Item name="performance" label={t('disputes.agreement.performance')} rules={required}>
              <Input maxLength={1000} data-testid="agreement-performance" />
            </Form.Item>
            <Form.Item name="performBy" label={t('disputes.agreement.performBy')}>
              <Input type="date" data-testid="agreement-perform-by" />
            </Form.Item>
          </>
        ) : null}
        {kind === 'follow-up' ? (
          <Form.Item name="note" label={t('disputes.followUp.note')} rules={required}>
            <Input.TextArea rows={3} maxLength={1000} data-testid="follow-up-note" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
