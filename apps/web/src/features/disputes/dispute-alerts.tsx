import { WarningOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useNavigate } from 'react-router';
import type { ConsoleWatcher } from '../../app/console-watchers.tsx';
import { useLiveEvents } from '../../app/live-channel.tsx';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';

/** A red dispute registered in the user's scope: a notice at once, wherever they are in the console. */
export function DisputeAlerts() {
  const t = useT();
  const navigate = useNavigate();
  const { notification } = App.useApp();
  useLiveEvents('dispute.alert', (event) => {
    const p = event.payload;
    const key = `dispute-${p.disputeId}`;
    notification.error({
      key,
      duration: 0,
      placement: 'topRight',
      icon: <WarningOutlined style={{ color: '#cf1322' }} />,
      title: t('disputes.alert.title', { number: p.number }),
      description: (
        <span data-testid="dispute-alert" data-dispute={p.disputeId}>
          {t('disputes.alert.body', {
            kind: t(`disputes.kind.${p.kind}` as MessageKey),
            address: p.address ?? '',
          })}
        </span>
      ),
      actions: (
        <Button
          type="primary"
          danger
          size="small"
          onClick={() => {
            notification.destroy(key);
            navigate(`/disputes?open=${p.disputeId}`);
          }}
        >
          {t('disputes.alert.open')}
        </Button>
      ),
    });
  });
  return null;
}

/** Mounted once in the console's shell for everyone who reads disputes (not again by the disputes page). */
export const disputeAlertsWatcher: ConsoleWatcher = {
  key: 'dispute-alerts',
  module: 'disputes',
  topics: ['dispute.alert'],
  Component: DisputeAlerts,
};
