import { Drawer, Radio } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../i18n/i18n-context.tsx';
import { useMobileContext } from './mobile-context.ts';
import { type ComposeTarget, composeBody, excerpt } from './replies.ts';
import { ReplyBox } from './reply-box.tsx';
import { messagesUrl } from './use-messages.ts';

const keyOf = (target: ComposeTarget) => `${target.kind}:${target.id}`;

/**
 * 写消息: a sheet from the bottom to write to the user's station or to one of their groups. What is sent goes
 * through the outbox (待发送 until the network is back); `onQueued` hears of each write it queued.
 */
export function ComposeSheet({
  open,
  targets,
  initial,
  onClose,
  onQueued,
}: {
  open: boolean;
  targets: readonly ComposeTarget[];
  /** The addressee chosen when the sheet opens (the group tapped); the first target otherwise. */
  initial: string | null;
  onClose: () => void;
  onQueued: (write: { id: number; text: string; to: string }) => void;
}) {
  const t = useT();
  const { outbox } = useMobileContext();
  // The user's pick, if any; otherwise the group tapped, or the first target. Forgotten when the sheet closes.
  const [chosen, setChosen] = useState<string | null>(null);
  useEffect(() => {
    if (!open) setChosen(null);
  }, [open]);
  const current = chosen ?? initial ?? (targets[0] ? keyOf(targets[0]) : null);
  const target = targets.find((x) => keyOf(x) === current);
  const nameOf = (x: ComposeTarget) =>
    t(x.kind === 'station' ? 'mobile.compose.station' : 'mobile.compose.group', { name: x.name });

  const send = (text: string): boolean => {
    const body = target && composeBody(target, text);
    if (!target || !body) return false;
    void outbox
      .enqueue({
        method: 'POST',
        url: messagesUrl,
        body,
        label: t('mobile.compose.label', { name: target.name, text: excerpt(body.text) }),
      })
      .then((id) => {
        onQueued({ id, text: body.text, to: nameOf(target) });
        onClose();
      });
    return true;
  };

  return (
    <Drawer
      title={t('mobile.compose.title')}
      placement="bottom"
      open={open}
      onClose={onClose}
      size="auto"
      className="m-sheet"
      destroyOnHidden
    >
      <div data-testid="mobile-compose">
        {targets.length === 0 ? (
          <div className="m-empty">{t('mobile.compose.noTarget')}</div>
        ) : (
          <>
            <div className="m-card-sub" style={{ marginTop: 0, marginBottom: 8 }}>
              {t('mobile.compose.to')}
            </div>
            <Radio.Group
              value={current}
              onChange={(e) => setChosen(e.target.value as string)}
              className="m-targets"
              data-testid="mobile-compose-targets"
            >
              {targets.map((x) => (
                <Radio key={keyOf(x)} value={keyOf(x)} className="m-target">
                  {nameOf(x)}
                </Radio>
              ))}
            </Radio.Group>
            <ReplyBox placeholder="mobile.compose.placeholder" onSend={send} testId="mobile-compose-box" />
          </>
        )}
      </div>
    </Drawer>
  );
}
