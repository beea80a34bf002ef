import type { ReactNode } from 'react';
import { LanguageSwitch } from '../../app/language-switch.tsx';
import { useT } from '../../i18n/i18n-context.tsx';

/** The citizen's pages: a plain header, no console menu, sized for a phone first. */
export function PublicFrame({
  title,
  children,
  wide,
}: {
  title: string;
  children: ReactNode;
  wide?: boolean;
}) {
  const t = useT();
  return (
    <div style={{ minHeight: '100vh', background: '#f5f7fa' }}>
      <header
        style={{
          background: '#1f4f8f',
          color: '#fff',
          padding: '12px 16px',
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          gap: 8,
        }}
      >
        <div>
          <div style={{ fontSize: 12, opacity: 0.8 }}>{t('svc.public.brand')}</div>
          <h1 style={{ margin: 0, fontSize: 20, color: '#fff' }}>{title}</h1>
        </div>
        <LanguageSwitch size="small" />
      </header>
      <main style={{ maxWidth: wide ? 1100 : 640, margin: '0 auto', padding: 12 }}>{children}</main>
    </div>
  );
}
