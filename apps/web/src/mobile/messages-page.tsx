import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Button, Tag } from 'antd';
import { describeError } from '../api/describe-error.ts';
import { dispatchApi } from '../api/dispatch-api.ts';
import { useOutbox } from '../offline/index.ts';
import { formatDateTime } from '../i18n/format-datetime.ts';
import { useT } from '../i18n/i18n-context.tsx';
import { inboxOrder, isUnread } from './inbox.ts';
import { useMobileContext } from './mobile-context.ts';

const inboxKey = ['mobile', 'messages'] as const;

const ackUrl = (id: string) => `/api/messages/${id}/ack`;

/**
 * 消息: the inbox, unread first, each acknowledged with one tap. The acknowledgement goes through the
 * outbox: without network it waits (待发送) and is sent, once, when the network is back.
 */
export function MessagesPage() {
  const t = useT();
  const { offline, outbox } = useMobileContext();
  const queue = useOutbox(outbox);
  const queryClient = useQueryClient();
  const inbox = useQuery({
    queryKey: inboxKey,
    queryFn: () => dispatchApi.messages('inbox'),
    enabled: !offline,
    refetchInterval: 30_000,
    select: (list) => inboxOrder(list.items),
  });
  const waiting = new Set(queue.pending.filter((e) => e.method === 'POST').map((e) => e.url));
  const sentCount = queue.sent.length;
  // Each acknowledgement the server took: the inbox shows it as acknowledged.
  useEffect(() => {
    if (sentCount > 0) void queryClient.invalidateQueries({ queryKey: inboxKey });
  }, [sentCount, queryClient]);
  const acknowledge = (id: string, text: string) =>
    void outbox.enqueue({
      method: 'POST',
      url: ackUrl(id),
      body: {},
      label: t('mobile.messages.ackLabel', { text: text.slice(0, 20) }),
    });
  const unread = (inbox.data ?? []).filter(isUnread).length;

  return (
    <div data-testid="mobile-messages">
      <h2 className="m-section-title">
        {t('mobile.tab.messages')}
        {unread > 0 && (
          <span style={{ fontWeight: 400, color: '#d4380d', marginInlineStart: 8 }}>
            {t('mobile.messages.unreadCount', { n: unread })}
          </span>
        )}
      </h2>
      {inbox.error && (
        <div className="m-empty">{t('mobile.loadFailed', { reason: describeError(inbox.error, t) })}</div>
      )}
      {inbox.data?.length === 0 && <div className="m-empty">{t('mobile.messages.empty')}</div>}
      {inbox.data?.map((message) => {
        const open = isUnread(message);
        return (
          <div key={message.id} className={open ? 'm-card m-unread' : 'm-card'} data-testid="mobile-message">
            <div className="m-card-row">
              <span className="m-card-sub" style={{ marginTop: 0 }}>
                {t('mobile.messages.from', { name: message.from.name })} · {formatDateTime(message.createdAt)}
              </span>
              {message.kind === 'order' && <Tag color="red">{t('mobile.messages.order')}</Tag>}
            </div>
            <div style={{ fontSize: 16, margin: '8px 0' }}>{message.text}</div>
            {open && waiting.has(ackUrl(message.id)) ? (
              <Tag color="orange" data-testid="mobile-ack-waiting">
                {t('mobile.messages.ackWaiting')}
              </Tag>
            ) : open ? (
              <Button
                type="primary"
                block
                className="m-button"
                onClick={() => acknowledge(message.id, message.text)}
              >
                {t('mobile.messages.ack')}
              </Button>
            ) : (
              <Tag color="green">{t('mobile.messages.acked')}</Tag>
            )}
          </div>
        );
      })}
    </div>
  );
}
