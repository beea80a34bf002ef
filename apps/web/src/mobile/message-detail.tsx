import { LeftOutlined } from '@ant-design/icons';
import type { Message, MessageDetail } from '@ronghui/contracts';
import { Button, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { describeError } from '../api/describe-error.ts';
import { formatDateTime } from '../i18n/format-datetime.ts';
import { useT } from '../i18n/i18n-context.tsx';
import { isUnread } from './inbox.ts';
import { useIncidentBrief } from './incident-brief.tsx';
import { useMobileContext } from './mobile-context.ts';
import { QueuedTag } from './queued-tag.tsx';
import { excerpt, replyBody } from './replies.ts';
import { ReplyBox } from './reply-box.tsx';
import { messagesUrl, useMessage, useMessagesOutbox } from './use-messages.ts';

/**
 * One message: its whole text, who sent it and when, the incident it concerns, for an order who has not
 * acknowledged it yet; and a reply to its sender, which waits in the outbox without a network.
 */
export function MessageDetailView({ id, back }: { id: string; back: string }) {
  const t = useT();
  const navigate = useNavigate();
  const context = useMobileContext();
  const { user, offline, outbox } = context;
  const query = useMessage(id, context);
  const messaging = useMessagesOutbox(context);
  // The replies written here, by outbox id: each shows 待发送 until the server has it.
  const [replies, setReplies] = useState<{ id: number; text: string }[]>([]);
  const message = query.data;
  const own = message?.from.username === user.username;
  // One's own message reaches one's inbox only through the station's units: nothing to acknowledge.
  const unread = message !== undefined && !own && isUnread(message);
  const brief = useIncidentBrief(message?.incidentId ?? null, offline);

  const reply = (text: string): boolean => {
    if (!message) return false;
    const body = replyBody(message, text, user.username);
    if (!body) return false;
    void outbox
      .enqueue({
        method: 'POST',
        url: messagesUrl,
        body,
        label: t('mobile.reply.label', { name: message.from.name, text: excerpt(body.text) }),
      })
      .then((queued) => setReplies((list) => [...list, { id: queued, text: body.text }]));
    return true;
  };

  return (
    <div data-testid="mobile-message-detail">
      <Button
        type="text"
        className="m-button m-back"
        icon={<LeftOutlined />}
        onClick={() => navigate(back)}
        data-testid="mobile-message-back"
      >
        {t('mobile.messages.back')}
      </Button>
      {query.error && !message && (
        <div className="m-empty">{t('mobile.loadFailed', { reason: describeError(query.error, t) })}</div>
      )}
      {message && (
        <div className={unread ? 'm-card m-unread' : 'm-card'}>
          <div className="m-card-row">
            <span className="m-card-title">
              {t('mobile.messages.sender', { name: message.from.name, org: message.from.org.name })}
            </span>
            <span className="m-tags">
              {message.kind === 'order' && <Tag color="red">{t('mobile.messages.order')}</Tag>}
              {message.priority === 'urgent' && <Tag color="volcano">{t('mobile.messages.urgent')}</Tag>}
            </span>
          </div>
          <div className="m-card-sub">{formatDateTime(message.createdAt)}</div>
          <div className="m-message-text" data-testid="mobile-message-text">
            {message.text}
          </div>
          {message.incidentId && (
            <div className="m-incident" data-testid="mobile-message-incident">
              <div className="m-card-sub" style={{ marginTop: 0 }}>
                {t('mobile.messages.incident')}
              </div>
              <div className="m-card-title">{brief.title}</div>
              {brief.place && <div className="m-card-sub">{brief.place}</div>}
            </div>
          )}
          <Receipts message={message} />
          {unread &&
            (messaging.isAckWaiting(message.id) ? (
              <Tag color="orange" data-testid="mobile-ack-waiting">
                {t('mobile.messages.ackWaiting')}
              </Tag>
            ) : (
              <Button
                type="primary"
                block
                className="m-button"
                style={{ marginTop: 12 }}
                onClick={() => messaging.acknowledge(message)}
              >
                {t('mobile.messages.ack')}
              </Button>
            ))}
        </div>
      )}
      {message && !own && (
        <>
          <h2 className="m-section-title" style={{ marginTop: 16 }}>
            {t('mobile.reply.title', { name: message.from.name })}
          </h2>
          {replies.length > 0 && (
            <div className="m-card" data-testid="mobile-my-replies">
              <div className="m-card-sub" style={{ marginTop: 0 }}>
                {t('mobile.reply.mine')}
              </div>
              {replies.map((r) => (
                <div key={r.id} className="m-card-row m-queued" data-testid="mobile-my-reply">
                  <span style={{ minWidth: 0 }}>{r.text}</span>
                  <QueuedTag id={r.id} state={messaging.state} />
                </div>
              ))}
            </div>
          )}
          <ReplyBox placeholder="mobile.reply.placeholder" onSend={reply} testId="mobile-reply" />
        </>
      )}
    </div>
  );
}

/** How many of those who owe an acknowledgement are named: the count says the rest. */
const namedOpen = 12;

/** Recipients and acknowledgements as far as the API tells the caller: an order names who still owes one. */
function Receipts({ message }: { message: Message | MessageDetail }) {
  const t = useT();
  const open = message.notAcknowledged;
  return (
    <div className="m-receipts">
      <div className="m-card-sub">
        {t('mobile.messages.receipts', { total: message.counts.total, acked: message.counts.acknowledged })}
      </div>
      {open && open.length === 0 && <div className="m-card-sub">{t('mobile.messages.allAcked')}</div>}
      {open && open.length > 0 && (
        <div data-testid="mobile-not-acked">
          <div className="m-card-sub">{t('mobile.messages.notAcked', { n: open.length })}</div>
          <div className="m-tags-wrap">
            {open.slice(0, namedOpen).map((r) => (
              <Tag key={`${r.kind}:${r.id}`}>{r.name}</Tag>
            ))}
            {open.length > namedOpen && (
              <Tag>{t('mobile.messages.more', { n: open.length - namedOpen })}</Tag>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
