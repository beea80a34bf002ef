import { useCallback } from 'react';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { statsZhCN } from '../../i18n/stats-zh-CN.ts';

/** An indicator's name in the user's language; a key the dictionary does not know is shown as it is. */
export function useIndicatorLabel(): (key: string) => string {
  const t = useT();
  return useCallback(
    (key: string) => {
      const k = `stats.indicator.${key}`;
      return k in statsZhCN ? t(k as MessageKey) : key;
    },
    [t],
  );
}
