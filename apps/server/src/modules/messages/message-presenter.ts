import type { Message, MessageRecipient, MessageTarget } from '@ronghui/contracts';
import type { OrgDirectory } from '../orgs/index.ts';
import { isMine } from './message-access.ts';
import type { Mailbox, MessageRow, RecipientRow, RecipientState } from './messages.repo.ts';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function presentRecipient(r: RecipientRow, dir: OrgDirectory): MessageRecipient {
  return {
    kind: r.recipient_kind,
    id: r.recipient_id,
    name: r.name,
    org: { id: r.org_id, name: dir.get(r.org_id)?.name ?? '' },
    state: r.state,
    deliveredAt: iso(r.delivered_at),
    acknowledgedAt: iso(r.acknowledged_at),
    acknowledgedBy: r.acknowledged_by,
  };
}

/** A message with its per-state counts; an order also names who has not acknowledged it yet. */
export function presentMessage(
  m: MessageRow,
  rows: RecipientRow[],
  dir: OrgDirectory,
  box: Mailbox,
): Message {
  const counts: Record<RecipientState, number> & { total: number } = {
    total: rows.length,
    sent: 0,
    delivered: 0,
    acknowledged: 0,
  };
  for (const r of rows) counts[r.state] += 1;
  const mine = rows.filter((r) => isMine(r, box));
  return {
    id: m.id,
    kind: m.kind,
    priority: m.priority,
    text: m.text,
    incidentId: m.incident_id,
    from: {
      userId: m.sender_id,
      username: m.sender,
      name: m.sender_name,
      org: { id: m.sender_org_id, name: dir.get(m.sender_org_id)?.name ?? '' },
    },
    to: m.target as MessageTarget,
    createdAt: new Date(m.created_at).toISOString(),
    counts,
    /** The caller's own recipient rows (their user row, their station's units). */
    mine: mine.map((r) => ({ kind: r.recipient_kind, id: r.recipient_id, name: r.name, state: r.state })),
    notAcknowledged:
      m.kind === 'order'
        ? rows
            .filter((r) => r.state !== 'acknowledged')
            .map((r) => ({ kind: r.recipient_kind, id: r.recipient_id, name: r.name, state: r.state }))
        : undefined,
  };
}
