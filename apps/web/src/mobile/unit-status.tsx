import type { Unit } from '@ronghui/contracts';
import { Tag } from 'antd';
import { useLocale } from '../i18n/i18n-context.tsx';

/** The colours of unit states (the console's map uses the same). */
const statusColors: Record<Unit['status'], string> = {
  available: '#389e0d',
  'en-route': '#d4380d',
  'on-scene': '#c41d7f',
  returning: '#1677ff',
  committed: '#fa8c16',
  staging: '#13c2c2',
  delayed: '#faad14',
  'out-of-service': '#8c8c8c',
  'off-duty': '#bfbfbf',
};

export function unitName(unit: Unit): string {
  return unit.name && unit.name !== unit.callsign ? `${unit.callsign} ${unit.name}` : unit.callsign;
}

export function UnitStatusTag({ unit }: { unit: Unit }) {
  const { locale } = useLocale();
  return (
    <Tag color={statusColors[unit.status]} style={{ marginInlineEnd: 0, fontSize: 14, padding: '2px 8px' }}>
      {locale === 'zh-CN' ? unit.statusName.zh : unit.statusName.en}
    </Tag>
  );
}
