// The offline outbox: writes made on a phone without network are kept in IndexedDB and sent in order,
// each under its own Idempotency-Key, when the network is back.
export { type BackoffPolicy, backoffDelay, defaultBackoff } from './backoff.ts';
export type { RefusalProblem, WriteMethod } from './outbox-db.ts';
export {
  createOutbox,
  type FlushOutcome,
  type FlushResult,
  type Outbox,
  type OutboxLocks,
  type OutboxOptions,
  type OutboxState,
  type OutboxTimers,
  type OutboxWrite,
  type PendingEntry,
  type RefusedEntry,
  type SentEntry,
} from './outbox.ts';
export { OutboxStatus } from './outbox-status.tsx';
export {
  type BinaryBody,
  binaryBody,
  fetchSend,
  isBinaryBody,
  type OutboxAnswer,
  type OutboxRequest,
  type OutboxSend,
} from './send.ts';
export { useOutbox } from './use-outbox.ts';
