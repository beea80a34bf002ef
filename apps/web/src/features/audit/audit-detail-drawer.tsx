import { Descriptions, Drawer, Typography } from 'antd';
import type { AuditEntry } from '@ronghui/contracts';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import { AuditOutcomeTag } from './audit-outcome-tag.tsx';

function detailText(detail: unknown): string {
  if (detail === null || detail === undefined) return '';
  if (typeof detail === 'object' && Object.keys(detail).length === 0) return '';
  return typeof detail === 'string' ? detail : JSON.stringify(detail, null, 2);
}

export function AuditDetailDrawer({ entry, onClose }: { entry: AuditEntry | null; onClose: () => void }) {
  const t = useT();
  const detail = entry ? detailText(entry.detail) : '';
  return (
    <Drawer
      open={entry !== null}
      onClose={onClose}
      size={560}
      title={entry ? t('audit.detailTitle', { seq: entry.seq }) : ''}
      data-testid="audit-drawer"
    >
      {entry && (
        <>
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label={t('audit.seq')}>{entry.seq}</Descriptions.Item>
            <Descriptions.Item label={t('audit.at')}>{formatDateTime(entry.at)}</Descriptions.Item>
            <Descriptions.Item label={t('audit.actor')}>
              {entry.actor}
              {entry.actorId && <Typography.Text type="secondary"> ({entry.actorId})</Typography.Text>}
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.action')}>
              <Typography.Text code>{entry.action}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.resource')}>
              {entry.resource}
              {entry.resourceId && ` / ${entry.resourceId}`}
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.outcome')}>
              <AuditOutcomeTag outcome={entry.outcome} />
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.reason')}>
              {entry.reason ?? t('common.none')}
            </Descriptions.Item>
            <Descriptions.Item label={t('audit.ip')}>{entry.ip ?? t('common.none')}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('audit.detailBody')}
          </Typography.Title>
          {detail ? (
            <pre
              style={{ background: '#f5f5f5', padding: 12, borderRadius: 4, overflow: 'auto', fontSize: 12 }}
            >
              {detail}
            </pre>
          ) : (
            <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
          )}
        </>
      )}
    </Drawer>
  );
}
