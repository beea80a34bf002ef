import { Tag } from 'antd';
import { useT } from '../i18n/i18n-context.tsx';
import type { OutboxState } from '../offline/index.ts';

/** Where one write of the outbox stands: 待发送 while it waits, then sent or refused. */
export function QueuedTag({ id, state }: { id: number; state: OutboxState }) {
  const t = useT();
  if (state.pending.some((e) => e.id === id))
    return (
      <Tag color="orange" data-testid="mobile-send-waiting">
        {t('mobile.messages.pending')}
      </Tag>
    );
  if (state.refused.some((e) => e.id === id)) return <Tag color="red">{t('mobile.messages.refused')}</Tag>;
  return (
    <Tag color="green" data-testid="mobile-send-done">
      {t('mobile.messages.sentOk')}
    </Tag>
  );
}
