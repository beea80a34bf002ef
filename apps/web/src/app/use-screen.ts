import { useSyncExternalStore } from 'react';

/**
 * How much room the console has. `wide` (from 1200 px, antd's `xl`): the desktop layout. `compact` (below
 * 992 px, antd's `lg`): tablets in portrait and phones — the side menu moves into a drawer and side-by-side
 * panels stack. `phone` (below 576 px, antd's `sm`): the top bar keeps only the menu button, the short name
 * and sign-out.
 */
export interface Screen {
  wide: boolean;
  compact: boolean;
  phone: boolean;
}

const wideQuery = '(min-width: 1200px)';
const compactQuery = '(max-width: 991.98px)';
const phoneQuery = '(max-width: 575.98px)';

function subscribe(onChange: () => void): () => void {
  const lists = [wideQuery, compactQuery, phoneQuery].map((q) => window.matchMedia(q));
  for (const list of lists) list.addEventListener('change', onChange);
  return () => {
    for (const list of lists) list.removeEventListener('change', onChange);
  };
}

// A string snapshot: useSyncExternalStore compares snapshots with Object.is.
const snapshot = () =>
  [wideQuery, compactQuery, phoneQuery].map((q) => Number(window.matchMedia(q).matches)).join('');

/** The current screen class, read synchronously so the first render already has the right layout. */
export function useScreen(): Screen {
  const s = useSyncExternalStore(subscribe, snapshot, () => '100');
  return { wide: s[0] === '1', compact: s[1] === '1', phone: s[2] === '1' };
}
