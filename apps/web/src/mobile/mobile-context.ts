import { useOutletContext } from 'react-router';
import type { Outbox } from '../offline/index.ts';
import type { LastUser } from './last-user.ts';
import type { Tracker } from './use-tracker.ts';

/**
 * What the shell gives its pages: the user (or, offline, the one who last used this phone), and the user's
 * offline outbox: every write a page makes goes through it, so it is kept and sent when the network is back.
 */
export interface MobileContext {
  user: LastUser;
  offline: boolean;
  outbox: Outbox;
  /** The phone as a tracker of the unit the officer works (off for roles without units). */
  tracker: Tracker;
}

export function useMobileContext(): MobileContext {
  return useOutletContext<MobileContext>();
}

/** The station whose work a user sees: their scope when it is a station, otherwise none (all in scope). */
export function stationOf(user: LastUser): string | null {
  return user.scope.kind === 'station' ? user.scope.orgId : null;
}
