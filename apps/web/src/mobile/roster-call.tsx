import { PhoneOutlined } from '@ant-design/icons';
import type { RosterEntry } from '@ronghui/contracts';
import { useMutation } from '@tanstack/react-query';
import { Button, Modal } from 'antd';
import { useState } from 'react';
import { describeError } from '../api/describe-error.ts';
import { gridApi } from '../api/grid-api.ts';
import { useT } from '../i18n/i18n-context.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { useMobileContext } from './mobile-context.ts';
import { isReason, ReasonInput } from './reason-input.tsx';

const REASONS: readonly MessageKey[] = [
  'mobile.grid.callReason.work',
  'mobile.grid.callReason.hazard',
  'mobile.grid.callReason.dispute',
];

/**
 * 拨打: a roster phone is masked; calling asks for the reason, reveals the number (audited as
 * `personal.unmask` with that reason) and then dials it with `tel:`. Needs the network.
 */
export function RosterCall({ entry }: { entry: RosterEntry }) {
  const t = useT();
  const { offline } = useMobileContext();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const reveal = useMutation({
    mutationFn: () => gridApi.reveal(entry.id, { field: 'phone', reason: reason.trim() }),
  });
  const number = reveal.data?.value;
  return (
    <>
      {number ? (
        <a href={`tel:${number}`} className="ant-btn ant-btn-primary m-button" data-testid="roster-dial">
          <PhoneOutlined /> {number}
        </a>
      ) : (
        <Button
          icon={<PhoneOutlined />}
          disabled={offline}
          onClick={() => setOpen(true)}
          aria-label={t('mobile.grid.call')}
          data-testid="roster-call"
        >
          {t('mobile.grid.call')}
        </Button>
      )}
      <Modal
        open={open && !number}
        title={t('mobile.grid.callTitle', { name: entry.name })}
        okText={t('mobile.grid.callReveal')}
        cancelText={t('common.cancel')}
        onCancel={() => setOpen(false)}
        okButtonProps={{ disabled: !isReason(reason), loading: reveal.isPending }}
        onOk={() => reveal.mutate(undefined, { onSuccess: () => setOpen(false) })}
        destroyOnHidden
      >
        <p>{t('mobile.grid.callWhy')}</p>
        <ReasonInput
          reasons={REASONS}
          value={reason}
          onChange={setReason}
          placeholder="mobile.grid.callReasonHint"
          testId="roster-call-reason"
        />
        {reveal.error && (
          <div style={{ color: '#cf1322', marginTop: 8 }}>{describeError(reveal.error, t)}</div>
        )}
      </Modal>
    </>
  );
}
