import { EditOutlined, RightOutlined } from '@ant-design/icons';
import type { Message } from '@ronghui/contracts';
import { Button, Segmented, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { describeError } from '../api/describe-error.ts';
import { formatDateTime } from '../i18n/format-datetime.ts';
import { useT } from '../i18n/i18n-context.tsx';
import { ComposeSheet } from './compose-sheet.tsx';
import { isUnread } from './inbox.ts';
import { MessageDetailView } from './message-detail.tsx';
import { MessageGroups } from './message-groups.tsx';
import { stationOf, useMobileContext } from './mobile-context.ts';
import { composeTargets } from './replies.ts';
import { pendingSends, useMessageBox, useMessageGroups, useMessagesOutbox } from './use-messages.ts';

const views = ['inbox', 'sent', 'groups'] as const;
type View = (typeof views)[number];
const viewOf = (value: string | null): View => views.find((v) => v === value) ?? 'inbox';

/**
 * 消息: the inbox (unread first, each acknowledged with one tap), what the user sent, and their ad-hoc
 * groups; `/m/messages/<id>` opens one message to read and answer it. Every write goes through the outbox:
 * without network it waits (待发送) and is sent, once, when the network is back.
 */
export function MessagesPage() {
  const { id } = useParams();
  const [search] = useSearchParams();
  const view = viewOf(search.get('box'));
  return id ? <MessageDetailView id={id} back={`/m/messages?box=${view}`} /> : <MessageLists view={view} />;
}

function MessageLists({ view }: { view: View }) {
  const t = useT();
  const context = useMobileContext();
  const [, setSearch] = useSearchParams();
  const inbox = useMessageBox('inbox', context);
  const sent = useMessageBox('sent', context);
  const groups = useMessageGroups(context);
  const messaging = useMessagesOutbox(context);
  const [compose, setCompose] = useState<{ open: boolean; initial: string | null }>({
    open: false,
    initial: null,
  });
  const station = stationOf(context.user);
  const groupItems = groups.data?.items;
  const targets = useMemo(
    () =>
      composeTargets(station ? { id: station, name: context.user.scope.orgName } : null, groupItems ?? []),
    [station, context.user.scope.orgName, groupItems],
  );
  const unread = (inbox.data ?? []).filter(isUnread).length;
  const show = (next: View) => setSearch({ box: next }, { replace: true });

  return (
    <div data-testid="mobile-messages">
      <div className="m-messages-head">
        <Segmented<View>
          block
          className="m-segmented"
          value={view}
          onChange={show}
          options={[
            {
              value: 'inbox',
              label:
                unread > 0 ? `${t('mobile.messages.box.inbox')} ${unread}` : t('mobile.messages.box.inbox'),
            },
            { value: 'sent', label: t('mobile.messages.box.sent') },
            { value: 'groups', label: t('mobile.messages.box.groups') },
          ]}
          data-testid="mobile-message-views"
        />
        <Button
          type="primary"
          className="m-button m-write"
          icon={<EditOutlined />}
          aria-label={t('mobile.messages.write')}
          onClick={() => setCompose({ open: true, initial: null })}
          data-testid="mobile-write"
        />
      </div>
      {view === 'inbox' && (
        <>
          <h2 className="m-section-title">
            {t('mobile.tab.messages')}
            {unread > 0 && (
              <span style={{ fontWeight: 400, color: '#d4380d', marginInlineStart: 8 }}>
                {t('mobile.messages.unreadCount', { n: unread })}
              </span>
            )}
          </h2>
          <Failure error={inbox.error} />
          {inbox.data?.length === 0 && <div className="m-empty">{t('mobile.messages.empty')}</div>}
          {inbox.data?.map((message) => {
            const open = isUnread(message);
            return (
              <div
                key={message.id}
                className={open ? 'm-card m-unread' : 'm-card'}
                data-testid="mobile-message"
              >
                <MessageSummary message={message} box="inbox" />
                {open && messaging.isAckWaiting(message.id) ? (
                  <Tag color="orange" data-testid="mobile-ack-waiting">
                    {t('mobile.messages.ackWaiting')}
                  </Tag>
                ) : open ? (
                  <Button
                    type="primary"
                    block
                    className="m-button"
                    onClick={() => messaging.acknowledge(message)}
                  >
                    {t('mobile.messages.ack')}
                  </Button>
                ) : (
                  <Tag color="green">{t('mobile.messages.acked')}</Tag>
                )}
              </div>
            );
          })}
        </>
      )}
      {view === 'sent' && (
        <>
          <h2 className="m-section-title">{t('mobile.messages.box.sent')}</h2>
          {pendingSends(messaging.state).map((entry) => (
            <div key={entry.id} className="m-card" data-testid="mobile-pending-send">
              <div className="m-card-row">
                <span style={{ minWidth: 0 }}>{entry.label}</span>
                <Tag color="orange" style={{ marginInlineEnd: 0 }}>
                  {t('mobile.messages.pending')}
                </Tag>
              </div>
              <div className="m-card-sub">{formatDateTime(entry.createdAt)}</div>
            </div>
          ))}
          <Failure error={sent.error} />
          {sent.data?.length === 0 && pendingSends(messaging.state).length === 0 && (
            <div className="m-empty">{t('mobile.messages.sentEmpty')}</div>
          )}
          {sent.data?.map((message) => (
            <div key={message.id} className="m-card" data-testid="mobile-sent-message">
              <MessageSummary message={message} box="sent" />
              <div className="m-card-sub">
                {t('mobile.messages.receipts', {
                  total: message.counts.total,
                  acked: message.counts.acknowledged,
                })}
              </div>
            </div>
          ))}
        </>
      )}
      {view === 'groups' && (
        <MessageGroups
          groups={groups}
          onWrite={(groupId) => setCompose({ open: true, initial: `group:${groupId}` })}
        />
      )}
      <ComposeSheet
        open={compose.open}
        initial={compose.initial}
        targets={targets}
        onClose={() => setCompose({ open: false, initial: null })}
        onQueued={() => show('sent')}
      />
    </div>
  );
}

function Failure({ error }: { error: Error | null }) {
  const t = useT();
  return error ? (
    <div className="m-empty">{t('mobile.loadFailed', { reason: describeError(error, t) })}</div>
  ) : null;
}

/** Sender (or nothing, in the sent box), time, kind and the first lines: one tap opens the message. */
function MessageSummary({ message, box }: { message: Message; box: 'inbox' | 'sent' }) {
  const t = useT();
  return (
    <Link to={`/m/messages/${message.id}?box=${box}`} className="m-open" data-testid="mobile-message-open">
      <div className="m-card-row">
        <span className="m-card-sub" style={{ marginTop: 0 }}>
          {box === 'inbox' ? `${t('mobile.messages.from', { name: message.from.name })} · ` : ''}
          {formatDateTime(message.createdAt)}
        </span>
        <span className="m-tags">
          {message.kind === 'order' && <Tag color="red">{t('mobile.messages.order')}</Tag>}
          <RightOutlined style={{ color: '#8c8c8c' }} />
        </span>
      </div>
      <div className="m-summary-text">{message.text}</div>
    </Link>
  );
}
