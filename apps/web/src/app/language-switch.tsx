import { Segmented } from 'antd';
import { useLocale, useT } from '../i18n/i18n-context.tsx';
import type { Locale } from '../i18n/messages.ts';

export function LanguageSwitch({ size = 'middle' }: { size?: 'small' | 'middle' | 'large' }) {
  const { locale, setLocale } = useLocale();
  const t = useT();
  return (
    <Segmented<Locale>
      size={size}
      aria-label={t('lang.label')}
      value={locale}
      onChange={setLocale}
      options={[
        { label: t('lang.zh'), value: 'zh-CN' },
        { label: t('lang.en'), value: 'en-US' },
      ]}
    />
  );
}
