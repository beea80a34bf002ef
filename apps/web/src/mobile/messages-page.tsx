import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Tag } from 'antd';
import { describeError } from '../api/describe-error.ts';
import { dispatchApi } from '../api/dispatch-api.ts';
import { formatDateTime } from '../i18n/format-datetime.ts';
import { useT } from '../i18n/i18n-context.tsx';
import { inboxOrder, isUnread } from './inbox.ts';
import { useMobileContext } from './mobile-context.ts';

const inboxKey = ['mobile', 'messages'] as const;

/** 消息: the inbox, unread first, each acknowledged with one tap. */
export function MessagesPage() {
  const t = useT();
  const { offline } = useMobileContext();
  const queryClient = useQueryClient();
  const inbox = useQuery({
    queryKey: inboxKey,
    queryFn: () => dispatchApi.messages('inbox'),
    enabled: !offline,
    refetchInterval: 30_000,
    select: (list) => inboxOrder(list.items),
  });
  const ack = useMutation({
    mutationFn: (id: string) => dispatchApi.ackMessage(id),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: inboxKey }),
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
            {open ? (
              <Button
                type="primary"
                block
                className="m-button"
                loading={ack.isPending && ack.variables === message.id}
                onClick={() => ack.mutate(message.id)}
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
