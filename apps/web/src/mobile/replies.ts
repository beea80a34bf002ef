import type { Message, MessageGroup, SendMessageBody } from '@ronghui/contracts';
import type { MessageKey } from '../i18n/messages.ts';

/** What an officer answers most often, one tap each (the text is the user's language). */
export const quickReplies: readonly MessageKey[] = [
  'mobile.reply.quick.received',
  'mobile.reply.quick.onMyWay',
  'mobile.reply.quick.onScene',
  'mobile.reply.quick.backup',
];

/** The server's limit on a message's text. */
export const maxTextLength = 2000;

const clean = (text: string): string | null => {
  const trimmed = text.trim();
  return trimmed.length > 0 && trimmed.length <= maxTextLength ? trimmed : null;
};

/**
 * A reply to a message: a plain message to its sender, filed under the same incident. Null when there is
 * nothing to send or nobody to answer (the user's own message).
 */
export function replyBody(message: Message, text: string, username: string): SendMessageBody | null {
  const body = clean(text);
  if (body === null || message.from.username === username) return null;
  return {
    to: { users: [message.from.userId] },
    kind: 'message',
    text: body,
    ...(message.incidentId ? { incidentId: message.incidentId } : {}),
  };
}

/** Where the phone writes to without a message to answer: the user's own station, or a group. */
export type ComposeTarget =
  | { kind: 'station'; id: string; name: string }
  | { kind: 'group'; id: string; name: string };

/** The user's station first (when their scope is one), then the groups they may use. */
export function composeTargets(
  station: { id: string; name: string } | null,
  groups: readonly Pick<MessageGroup, 'id' | 'name'>[],
): ComposeTarget[] {
  return [
    ...(station ? [{ kind: 'station' as const, ...station }] : []),
    ...groups.map((g) => ({ kind: 'group' as const, id: g.id, name: g.name })),
  ];
}

/** A plain message to a station or a group; null when there is nothing to send. */
export function composeBody(target: ComposeTarget, text: string): SendMessageBody | null {
  const body = clean(text);
  if (body === null) return null;
  return {
    to: target.kind === 'station' ? { stations: [target.id] } : { group: target.id },
    kind: 'message',
    text: body,
  };
}

/** How a queued message is named in the outbox list: its addressee and the first words. */
export function excerpt(text: string, length = 20): string {
  const flat = text.trim().replace(/\s+/g, ' ');
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
}
