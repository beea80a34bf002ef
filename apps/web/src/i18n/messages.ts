import type { zhCN } from './zh-CN.ts';

/** Every message key: the Chinese dictionary is the source of truth. */
export type MessageKey = keyof typeof zhCN;

/** A complete dictionary: a missing or extra key in another language fails to compile. */
export type Messages = Record<MessageKey, string>;

export type Locale = 'zh-CN' | 'en-US';

export const locales: readonly Locale[] = ['zh-CN', 'en-US'];

export type MessageVars = Record<string, string | number>;

/** Replaces `{name}` placeholders; an unknown placeholder stays visible so it is noticed. */
export function interpolate(template: string, vars?: MessageVars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    return value === undefined ? whole : String(value);
  });
}
