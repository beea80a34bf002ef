import { AlertOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useLiveEvents } from '../../app/live-channel.tsx';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { useT } from '../../i18n/i18n-context.tsx';

/**
 * 请求增援: an officer on an incident asks for more units. The command room's console says so until someone
 * reads it, with a way to open the incident. A re-delivered event (at least once) replaces its own notice.
 */
export function BackupNotices({ onOpen }: { onOpen: (incidentId: string) => void }) {
  const t = useT();
  const { notification } = App.useApp();
  useLiveEvents('incident.backup', (event) => {
    const p = event.payload;
    const key = `backup-${p.incidentId}-${p.at}`;
    notification.warning({
      key,
      duration: 0,
      placement: 'topRight',
      icon: <AlertOutlined style={{ color: '#cf1322' }} />,
      title: t('dispatch.backup.title', { number: p.number }),
      description: (
        <span data-testid="backup-notice" data-incident={p.incidentId}>
          {t('dispatch.backup.notice', { unit: p.callsign ?? p.by, n: p.quantity })} · {p.reason}
          <br />
          <span style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>
            {formatDateTime(p.at).slice(11)} · {p.by}
          </span>
        </span>
      ),
      actions: (
        <Button
          type="primary"
          size="small"
          data-testid="backup-open"
          onClick={() => {
            notification.destroy(key);
            onOpen(p.incidentId);
          }}
        >
          {t('dispatch.backup.open')}
        </Button>
      ),
    });
  });
  return null;
}
