import type { CSSProperties, ReactNode } from 'react';

/** The frame of a big-screen box: dark blue, thin border, its content filling it. */
export const box: CSSProperties = {
  background: 'rgba(16,42,84,0.85)',
  border: '1px solid #1f4f8f',
  borderRadius: 6,
  padding: '8px 12px',
  display: 'flex',
  flexDirection: 'column',
  minHeight: 0,
};

export const screenLabel: CSSProperties = { fontSize: 14, color: '#9fc3f0' };

export function Panel({
  title,
  extra,
  children,
  testId,
}: {
  title: string;
  extra?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <section style={box} data-testid={testId}>
      <h2
        style={{
          margin: '0 0 4px',
          fontSize: 18,
          color: '#7fd1ff',
          fontWeight: 600,
          display: 'flex',
          justifyContent: 'space-between',
        }}
      >
        <span>▍{title}</span>
        {extra}
      </h2>
      <div style={{ flex: 1, minHeight: 0, position: 'relative' }}>{children}</div>
    </section>
  );
}

export function Kpi({
  label,
  value,
  color = '#ffffff',
  testId,
}: {
  label: string;
  value: string | number;
  color?: string;
  testId?: string;
}) {
  return (
    <div style={{ ...box, alignItems: 'center', flex: 1 }}>
      <div style={{ fontSize: 14, color: '#9fc3f0' }}>{label}</div>
      <div style={{ fontSize: 34, fontWeight: 700, color }} data-testid={testId}>
        {value}
      </div>
    </div>
  );
}

/** What a box shows when its module has nothing (or the user may not read it). */
export function ScreenEmpty({ text, testId }: { text: string; testId?: string }) {
  return (
    <div
      data-testid={testId}
      style={{
        ...screenLabel,
        height: '100%',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
      }}
    >
      {text}
    </div>
  );
}
