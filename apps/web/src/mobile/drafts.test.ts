import { describe, expect, it } from 'vitest';
import { clearDraft, loadDraft, saveDraft } from './drafts.ts';

function memory() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

describe('phone form drafts', () => {
  it('keeps what was typed under its key until cleared', () => {
    const store = memory();
    expect(loadDraft('meeting:a', store)).toBeNull();
    saveDraft('meeting:a', { place: '村委会', summary: '双方陈述' }, store);
    saveDraft('meeting:b', { place: '警务室' }, store);
    expect(loadDraft('meeting:a', store)).toEqual({ place: '村委会', summary: '双方陈述' });
    clearDraft('meeting:a', store);
    expect(loadDraft('meeting:a', store)).toBeNull();
    expect(loadDraft('meeting:b', store)).toEqual({ place: '警务室' });
  });

  it('reads a damaged or foreign value as no draft, and works without storage', () => {
    const store = memory();
    store.map.set('ronghui.mobile.draft.x', '{not json');
    store.map.set('ronghui.mobile.draft.y', '"a string"');
    expect(loadDraft('x', store)).toBeNull();
    expect(loadDraft('y', store)).toBeNull();
    expect(loadDraft('z', null)).toBeNull();
    expect(() => saveDraft('z', { a: 1 }, null)).not.toThrow();
  });
});
