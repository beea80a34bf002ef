import type { IncidentDetail } from '@ronghui/contracts';
import { RiseOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, type ButtonProps, Input, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import { dispatchApi } from '../../api/dispatch-api.ts';
import { useLiveEvents } from '../../app/live-channel.tsx';

/** The incident has been referred up to the county command centre (its timeline says so). */
export function isEscalated(incident: IncidentDetail): boolean {
  return (incident.timeline ?? []).some((e) => e.kind === 'org-linked' && e.detail?.role === 'escalated');
}

/**
 * 上报县局: a joint area's command room refers an incident up when it needs support from other areas
 * (only the county command centre tasks their stations). Asks why, in words the county will read.
 */
export function EscalateButton({ incident }: { incident: IncidentDetail }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const escalate = useMutation({
    mutationFn: () => dispatchApi.escalate(incident.id, reason.trim()),
    onSuccess: (updated) => {
      queryClient.setQueryData(['dispatch', 'incident', incident.id], updated);
      setOpen(false);
      setReason('');
    },
  });
  if (isEscalated(incident))
    return (
      <Tag color="orange" icon={<RiseOutlined />} data-testid="escalated-tag">
        {t('dispatch.escalate.done')}
      </Tag>
    );
  return (
    <>
      <Button size="small" icon={<RiseOutlined />} data-testid="escalate" onClick={() => setOpen(true)}>
        {t('dispatch.escalate.button')}
      </Button>
      <Modal
        open={open}
        title={t('dispatch.escalate.title', { number: incident.number })}
        okText={t('dispatch.escalate.ok')}
        okButtonProps={{ disabled: reason.trim().length < 2, 'data-testid': 'escalate-ok' } as ButtonProps}
        confirmLoading={escalate.isPending}
        onOk={() => escalate.mutate()}
        onCancel={() => {
          setOpen(false);
          escalate.reset();
        }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('dispatch.escalate.hint')}</Typography.Paragraph>
        <Input.TextArea
          aria-label={t('dispatch.escalate.reason')}
          data-testid="escalate-reason"
          rows={3}
          maxLength={500}
          value={reason}
          placeholder={t('dispatch.escalate.placeholder')}
          onChange={(e) => setReason(e.target.value)}
        />
        {escalate.isError && (
          <Alert
            style={{ marginTop: 8 }}
            type="error"
            showIcon
            data-testid="escalate-error"
            title={describeError(escalate.error, t)}
          />
        )}
      </Modal>
    </>
  );
}

/** The county command centre's console: an incident referred up by a joint area is announced until read. */
export function EscalationNotices({ onOpen }: { onOpen: (incidentId: string) => void }) {
  const t = useT();
  const { notification } = App.useApp();
  const queryClient = useQueryClient();
  useLiveEvents('incident.escalated', (event) => {
    const p = event.payload;
    void queryClient.invalidateQueries({ queryKey: ['dispatch', 'incident', p.incidentId] });
    const key = `escalated-${p.incidentId}`;
    notification.warning({
      key,
      duration: 0,
      placement: 'topRight',
      title: t('dispatch.escalate.notice', { from: p.fromName, number: p.number }),
      description: <span data-testid="escalation-notice">{p.reason}</span>,
      actions: (
        <Button
          type="primary"
          size="small"
          onClick={() => {
            notification.destroy(key);
            onOpen(p.incidentId);
          }}
        >
          {t('dispatch.escalate.open')}
        </Button>
      ),
    });
  });
  return null;
}
