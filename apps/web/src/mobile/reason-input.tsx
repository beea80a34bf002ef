import { Button, Input } from 'antd';
import { useT } from '../i18n/i18n-context.tsx';
import type { MessageKey } from '../i18n/messages.ts';

/** A reason typed or taken from the common ones (chips): declining a request, asking for backup. */
export function ReasonInput({
  reasons,
  value,
  onChange,
  placeholder,
  testId,
}: {
  reasons: readonly MessageKey[];
  value: string;
  onChange: (reason: string) => void;
  placeholder: MessageKey;
  testId: string;
}) {
  const t = useT();
  return (
    <>
      <div className="m-chips">
        {reasons.map((key) => (
          <Button key={key} className="m-chip" onClick={() => onChange(t(key))}>
            {t(key)}
          </Button>
        ))}
      </div>
      <Input.TextArea
        rows={3}
        maxLength={500}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={t(placeholder)}
        data-testid={testId}
      />
    </>
  );
}

/** A reason the server takes: at least two characters once trimmed. */
export const isReason = (reason: string) => reason.trim().length >= 2;
