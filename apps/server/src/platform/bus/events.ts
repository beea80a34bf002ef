import type { EventMap, Topic } from '@ronghui/contracts';

/**
 * Every domain event is declared once, in the contract (`@ronghui/contracts`, `events.ts`): topic → payload
 * schema. Publishing an undeclared topic or a wrong payload fails to compile. Events are written to the
 * outbox in the transaction of the change and delivered after commit, at least once: handlers are
 * idempotent (they may key on `id`).
 */
export type { EventMap, Topic } from '@ronghui/contracts';

export interface EventEnvelope<T extends Topic = Topic> {
  /** Outbox id: unique and increasing per database. */
  id: number;
  tenantCode: string;
  topic: T;
  payload: EventMap[T];
  /** Orgs the event concerns, with their ancestors; empty = the whole tenant may see it. */
  orgIds: string[];
  /**
   * Set when the event is addressed to particular users (a message): they receive it, and besides them only
   * users whose roles oversee the resource (`OVERSEE_ACCESS`) and whose scope reaches `orgIds`.
   */
  userIds?: string[];
  at: string;
}
