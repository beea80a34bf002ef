import { INCIDENT_CATEGORIES } from '@ronghui/dispatch';
import type { Locale } from '../../i18n/messages.ts';

export interface CategoryNode {
  value: string;
  title: string;
  children?: CategoryNode[];
}

/** The category table as a tree for a TreeSelect, in the user's language. */
export function categoryTree(locale: Locale): CategoryNode[] {
  const name = (c: (typeof INCIDENT_CATEGORIES)[number]) => (locale === 'zh-CN' ? c.zh : c.en);
  const build = (parent: string | null): CategoryNode[] =>
    INCIDENT_CATEGORIES.filter((c) => c.parent === parent).map((c) => {
      const children = build(c.code);
      return children.length > 0
        ? { value: c.code, title: name(c), children }
        : { value: c.code, title: name(c) };
    });
  return build(null);
}
