import { Alert, App, Input, Modal } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { useT } from '../../i18n/i18n-context.tsx';

/**
 * Asks why a hidden value is needed, then shows it once. The server records the reason with the reveal in
 * the audit trail; the list keeps showing the masked value.
 */
export function RevealModal(props: {
  open: boolean;
  title: string;
  onClose: () => void;
  reveal: (reason: string) => Promise<{ value: string }>;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [value, setValue] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const close = () => {
    setReason('');
    setValue(null);
    props.onClose();
  };
  return (
    <Modal
      open={props.open}
      title={props.title}
      onCancel={close}
      okText={value === null ? t('wf.reveal.ok') : t('wf.reveal.close')}
      okButtonProps={{
        disabled: value === null && reason.trim().length < 4,
        loading: pending,
        'data-testid': 'wf-reveal-ok',
      }}
      cancelButtonProps={{ style: value === null ? {} : { display: 'none' } }}
      onOk={async () => {
        if (value !== null) return close();
        setPending(true);
        try {
          setValue((await props.reveal(reason.trim())).value);
        } catch (error) {
          message.error(describeError(error, t));
        } finally {
          setPending(false);
        }
      }}
    >
      {value === null ? (
        <Input.TextArea
          rows={2}
          maxLength={200}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('wf.reveal.reason')}
          data-testid="wf-reveal-reason"
        />
      ) : (
        <Alert
          type="info"
          showIcon
          title={value}
          description={t('wf.reveal.audited')}
          data-testid="wf-revealed"
        />
      )}
    </Modal>
  );
}
