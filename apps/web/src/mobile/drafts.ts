import { useCallback, useState } from 'react';

/**
 * What the user is typing into a phone form, kept in localStorage on every change so that nothing typed is
 * lost when the app is closed or the phone restarts before the form is sent (the outbox keeps it from then).
 */
const prefix = 'ronghui.mobile.draft.';

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const storage = (): Store | null => {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
};

export function loadDraft<T extends object>(key: string, store: Store | null = storage()): T | null {
  try {
    const value = JSON.parse(store?.getItem(prefix + key) ?? 'null') as unknown;
    return value && typeof value === 'object' ? (value as T) : null;
  } catch {
    return null;
  }
}

export function saveDraft(key: string, value: object, store: Store | null = storage()): void {
  try {
    store?.setItem(prefix + key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the form still works, only a closed app forgets it.
  }
}

export function clearDraft(key: string, store: Store | null = storage()): void {
  try {
    store?.removeItem(prefix + key);
  } catch {
    // As above.
  }
}

/**
 * A form's fields, restored from the draft of `key` and saved on every change; `clear` once sent. The key is
 * read when the form mounts: give the form a React `key` per draft.
 */
export function useDraft<T extends object>(
  key: string,
  initial: () => T,
): [T, (patch: Partial<T>) => void, () => void] {
  const [value, setValue] = useState<T>(() => ({ ...initial(), ...(loadDraft<Partial<T>>(key) ?? {}) }));
  const update = useCallback(
    (patch: Partial<T>) =>
      setValue((old) => {
        const next = { ...old, ...patch };
        saveDraft(key, next);
        return next;
      }),
    [key],
  );
  const clear = useCallback(() => {
    clearDraft(key);
    setValue(initial());
  }, [key, initial]);
  return [value, update, clear];
}
