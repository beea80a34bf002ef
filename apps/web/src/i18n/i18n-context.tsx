import { ConfigProvider } from 'antd';
import enUSAntd from 'antd/locale/en_US';
import zhCNAntd from 'antd/locale/zh_CN';
import type { ThemeConfig } from 'antd';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { enUS } from './en-US.ts';
import { readStoredLocale, storeLocale } from './locale-storage.ts';
import { interpolate, type Locale, type MessageKey, type Messages, type MessageVars } from './messages.ts';
import { zhCN } from './zh-CN.ts';

export type Translate = (key: MessageKey, vars?: MessageVars) => string;

interface I18nValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
}

const dictionaries: Record<Locale, Messages> = { 'zh-CN': zhCN, 'en-US': enUS };
const antdLocales = { 'zh-CN': zhCNAntd, 'en-US': enUSAntd } as const;
const dayjsLocales: Record<Locale, string> = { 'zh-CN': 'zh-cn', 'en-US': 'en' };

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ theme, children }: { theme: ThemeConfig; children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(readStoredLocale);

  const setLocale = useCallback((next: Locale) => {
    storeLocale(next);
    setLocaleState(next);
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = dictionaries[locale]['app.name'];
    dayjs.locale(dayjsLocales[locale]);
  }, [locale]);

  const value = useMemo<I18nValue>(() => {
    const dictionary = dictionaries[locale];
    return { locale, setLocale, t: (key, vars) => interpolate(dictionary[key], vars) };
  }, [locale, setLocale]);

  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider locale={antdLocales[locale]} theme={theme}>
        {children}
      </ConfigProvider>
    </I18nContext.Provider>
  );
}

function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('I18nProvider is missing above this component');
  return value;
}

export function useT(): Translate {
  return useI18n().t;
}

export function useLocale(): { locale: Locale; setLocale: (locale: Locale) => void } {
  const { locale, setLocale } = useI18n();
  return { locale, setLocale };
}
