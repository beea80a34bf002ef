import type { Message } from '@ronghui/contracts';

/** Not yet acknowledged by this user (or by their station's units). */
export function isUnread(message: Message): boolean {
  return message.mine.some((r) => r.state !== 'acknowledged');
}

/** Unread first, newest first within each. */
export function inboxOrder(messages: readonly Message[]): Message[] {
  return [...messages].sort(
    (a, b) => Number(isUnread(b)) - Number(isUnread(a)) || b.createdAt.localeCompare(a.createdAt),
  );
}
