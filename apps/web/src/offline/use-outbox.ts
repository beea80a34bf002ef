import { useSyncExternalStore } from 'react';
import type { Outbox, OutboxState } from './outbox.ts';

/** The outbox's state, re-rendered on every change (pending, refused, sending, online, needsSignIn). */
export function useOutbox(outbox: Outbox): OutboxState {
  return useSyncExternalStore(outbox.subscribe, outbox.getState, outbox.getState);
}
