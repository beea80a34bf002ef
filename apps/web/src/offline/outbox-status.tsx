import { CloudUploadOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Drawer, Empty, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { formatDateTime } from '../i18n/format-datetime.ts';
import { useT } from '../i18n/i18n-context.tsx';
import type { Outbox, RefusedEntry } from './outbox.ts';
import { useOutbox } from './use-outbox.ts';

function refusalText(entry: RefusedEntry): string {
  const { problem } = entry;
  const fields = problem.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message));
  return [problem.detail ?? problem.title ?? `HTTP ${problem.status}`, ...fields].join('；');
}

/**
 * The badge "待发送 N" and a drawer with the writes waiting to be sent and those the server refused.
 * `onEdit` lets a page open its own form for a refused write (then `outbox.resubmit(id, body)`).
 */
export function OutboxStatus({ outbox, onEdit }: { outbox: Outbox; onEdit?: (entry: RefusedEntry) => void }) {
  const t = useT();
  const state = useOutbox(outbox);
  const [open, setOpen] = useState(false);
  const waiting = state.pending.length;
  const refused = state.refused.length;

  return (
    <>
      <Badge count={refused} size="small" offset={[-4, 2]}>
        <Button
          size="small"
          icon={<CloudUploadOutlined />}
          danger={refused > 0 || state.needsSignIn}
          onClick={() => setOpen(true)}
          data-testid="outbox-status"
        >
          {t('offline.badge', { n: waiting })}
        </Button>
      </Badge>
      <Drawer title={t('offline.title')} open={open} onClose={() => setOpen(false)} placement="bottom">
        <Space orientation="vertical" style={{ width: '100%' }}>
          {!state.online && <Alert type="warning" showIcon title={t('offline.offline')} />}
          {state.needsSignIn && <Alert type="error" showIcon title={t('offline.needsSignIn')} />}
          <Space>
            <Button
              type="primary"
              size="small"
              loading={state.sending}
              disabled={waiting === 0}
              onClick={() => void outbox.flush()}
            >
              {t('offline.sendNow')}
            </Button>
            {state.nextRetryAt && waiting > 0 && (
              <Typography.Text type="secondary">
                {t('offline.nextRetry', { time: formatDateTime(state.nextRetryAt) })}
              </Typography.Text>
            )}
          </Space>
          <Typography.Title level={5}>{t('offline.pending', { n: waiting })}</Typography.Title>
          {waiting === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('offline.nothingPending')} />
          ) : (
            <List
              size="small"
              dataSource={[...state.pending]}
              rowKey="id"
              renderItem={(entry) => (
                <List.Item>
                  <List.Item.Meta
                    title={entry.label}
                    description={
                      <Space wrap>
                        <span>{t('offline.createdAt', { time: formatDateTime(entry.createdAt) })}</span>
                        {entry.attempts > 0 && <Tag>{t('offline.attempts', { n: entry.attempts })}</Tag>}
                        {entry.lastError && (
                          <Typography.Text type="warning">
                            {t('offline.lastError', { error: entry.lastError })}
                          </Typography.Text>
                        )}
                      </Space>
                    }
                  />
                </List.Item>
              )}
            />
          )}
          {refused > 0 && (
            <>
              <Typography.Title level={5}>{t('offline.refused', { n: refused })}</Typography.Title>
              <List
                size="small"
                dataSource={[...state.refused]}
                rowKey="id"
                renderItem={(entry) => (
                  <List.Item
                    actions={[
                      ...(onEdit
                        ? [
                            <Button key="edit" size="small" onClick={() => onEdit(entry)}>
                              {t('offline.edit')}
                            </Button>,
                          ]
                        : []),
                      <Popconfirm
                        key="discard"
                        title={t('offline.discardConfirm')}
                        onConfirm={() => void outbox.discard(entry.id)}
                      >
                        <Button size="small" danger>
                          {t('offline.discard')}
                        </Button>
                      </Popconfirm>,
                    ]}
                  >
                    <List.Item.Meta
                      title={entry.label}
                      description={
                        <Typography.Text type="danger">
                          {t('offline.refusedBecause', { reason: refusalText(entry) })}
                        </Typography.Text>
                      }
                    />
                  </List.Item>
                )}
              />
            </>
          )}
        </Space>
      </Drawer>
    </>
  );
}
