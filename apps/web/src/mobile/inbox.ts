import type { Message } from '@ronghui/contracts';

/**
 * What one tap of 签收 acknowledges: the user's own row when the message names them, otherwise (sent to
 * their station's units only, e.g. a group of units) the unit rows their station answers for. Each entry
 * is the body of one `POST /api/messages/:id/ack`; none left means the message is read.
 */
export function ackBodies(message: Pick<Message, 'mine'>): { unitId?: string }[] {
  const own = message.mine.filter((r) => r.kind === 'user');
  if (own.length > 0) return own.some((r) => r.state !== 'acknowledged') ? [{}] : [];
  return message.mine
    .filter((r) => r.kind === 'unit' && r.state !== 'acknowledged')
    .map((r) => ({ unitId: r.id }));
}

/** Not yet acknowledged by this user (or, when only their station's units are addressed, for those units). */
export function isUnread(message: Pick<Message, 'mine'>): boolean {
  return ackBodies(message).length > 0;
}

/**
 * The inbox: unread first, newest first within each. The user's own messages are left out (they reach the
 * inbox only through the station's units, and 已发 lists them).
 */
export function inboxOrder(messages: readonly Message[], username: string): Message[] {
  return messages
    .filter((m) => m.from.username !== username)
    .sort((a, b) => Number(isUnread(b)) - Number(isUnread(a)) || b.createdAt.localeCompare(a.createdAt));
}
