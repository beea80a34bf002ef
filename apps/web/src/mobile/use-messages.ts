import type { Message, MessageDetail } from '@ronghui/contracts';
import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { dispatchApi } from '../api/dispatch-api.ts';
import { type OutboxState, type PendingEntry, useOutbox } from '../offline/index.ts';
import { useT } from '../i18n/i18n-context.tsx';
import { ackBodies, inboxOrder } from './inbox.ts';
import type { MobileContext } from './mobile-context.ts';
import { excerpt } from './replies.ts';

/** Everything about messages on the phone lives under this key: one invalidation refreshes it all. */
const messagesKey = ['mobile', 'messages'] as const;
const boxKey = (box: 'inbox' | 'sent') => [...messagesKey, box] as const;
export const messagesUrl = '/api/messages';
export const ackUrl = (id: string) => `/api/messages/${id}/ack`;

/** Besides the live channel (new messages and acknowledgements), lists refresh every half minute and when the app comes back to the front. */
const refresh = { refetchInterval: 30_000, refetchOnWindowFocus: 'always' } as const;

/** The inbox (unread first) or the sent box (newest first). */
export function useMessageBox(
  box: 'inbox' | 'sent',
  { user, offline }: Pick<MobileContext, 'user' | 'offline'>,
) {
  return useQuery({
    queryKey: boxKey(box),
    queryFn: () => dispatchApi.messages(box),
    enabled: !offline,
    ...refresh,
    select: (list) =>
      box === 'inbox'
        ? inboxOrder(list.items, user.username)
        : [...list.items].sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
  });
}

/** A message as the lists already have it: shown at once (and offline) while its detail loads. */
function cached(client: QueryClient, id: string): Message | undefined {
  for (const box of ['inbox', 'sent'] as const) {
    const list = client.getQueryData<{ items: Message[] }>(boxKey(box));
    const found = list?.items.find((m) => m.id === id);
    if (found) return found;
  }
  return undefined;
}

/** One message with all its recipients; the list's copy until the detail arrives. */
export function useMessage(id: string, { offline }: Pick<MobileContext, 'offline'>) {
  const client = useQueryClient();
  return useQuery<MessageDetail | Message>({
    queryKey: [...messagesKey, 'detail', id],
    queryFn: () => dispatchApi.message(id),
    enabled: !offline,
    placeholderData: () => cached(client, id),
    ...refresh,
  });
}

export function useMessageGroups({ offline }: Pick<MobileContext, 'offline'>) {
  return useQuery({
    queryKey: ['mobile', 'message-groups'],
    queryFn: dispatchApi.messageGroups,
    enabled: !offline,
    ...refresh,
  });
}

/** Messages written on this phone that wait in the outbox. */
export function pendingSends(state: OutboxState): PendingEntry[] {
  return state.pending.filter((e) => e.method === 'POST' && e.url === messagesUrl);
}

/**
 * The outbox of the phone's messaging: what waits, acknowledging through it, and a refresh of every message
 * list each time the server takes one of its writes.
 */
export function useMessagesOutbox({ outbox }: Pick<MobileContext, 'outbox'>) {
  const t = useT();
  const state = useOutbox(outbox);
  const client = useQueryClient();
  const lastSent = state.sent[0]?.id;
  useEffect(() => {
    if (lastSent !== undefined) void client.invalidateQueries({ queryKey: messagesKey });
  }, [lastSent, client]);
  const waitingAcks = new Set(state.pending.filter((e) => e.method === 'POST').map((e) => e.url));
  return {
    state,
    isAckWaiting: (id: string) => waitingAcks.has(ackUrl(id)),
    acknowledge: (message: Pick<Message, 'id' | 'text' | 'mine'>) => {
      for (const body of ackBodies(message))
        void outbox.enqueue({
          method: 'POST',
          url: ackUrl(message.id),
          body,
          label: t('mobile.messages.ackLabel', { text: excerpt(message.text) }),
        });
    },
  };
}
