import { Tag } from 'antd';
import type { AuditOutcome } from '@ronghui/contracts';
import { useT } from '../../i18n/i18n-context.tsx';

const colors: Record<AuditOutcome, string> = { ok: 'green', denied: 'orange', error: 'red' };

export function AuditOutcomeTag({ outcome }: { outcome: AuditOutcome }) {
  const t = useT();
  return <Tag color={colors[outcome]}>{t(`audit.outcome.${outcome}`)}</Tag>;
}
