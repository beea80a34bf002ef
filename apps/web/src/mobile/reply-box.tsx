import { SendOutlined } from '@ant-design/icons';
import { Button, Input } from 'antd';
import { useState } from 'react';
import { useT } from '../i18n/i18n-context.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { maxTextLength, quickReplies } from './replies.ts';

/**
 * A text box with the common field phrases above it: a phrase fills the box, 发送 sends it. `onSend`
 * returns false when the text cannot be sent (then the box keeps it).
 */
export function ReplyBox({
  placeholder,
  onSend,
  testId,
}: {
  placeholder: MessageKey;
  onSend: (text: string) => boolean;
  testId: string;
}) {
  const t = useT();
  const [text, setText] = useState('');
  const send = () => {
    if (onSend(text)) setText('');
  };
  return (
    <div className="m-reply" data-testid={testId}>
      <div className="m-chips">
        {quickReplies.map((key) => (
          <Button
            key={key}
            className="m-chip"
            autoInsertSpace={false}
            onClick={() => setText(t(key))}
            data-testid="mobile-quick-reply"
          >
            {t(key)}
          </Button>
        ))}
      </div>
      <Input.TextArea
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t(placeholder)}
        autoSize={{ minRows: 2, maxRows: 6 }}
        maxLength={maxTextLength}
        className="m-textarea"
        aria-label={t(placeholder)}
      />
      <Button
        type="primary"
        block
        className="m-button"
        icon={<SendOutlined />}
        disabled={text.trim() === ''}
        onClick={send}
        data-testid="mobile-send"
      >
        {t('mobile.reply.send')}
      </Button>
    </div>
  );
}
