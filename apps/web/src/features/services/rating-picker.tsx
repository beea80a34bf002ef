import { StarFilled } from '@ant-design/icons';
import { Button, Space } from 'antd';
import type { MessageKey } from '../../i18n/messages.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import { RATING_LEVELS } from './service-view.ts';

/** 好差评: five levels, 非常满意 … 非常不满意, each with its stars. */
export function RatingPicker(props: {
  value?: number | null;
  onPick: (level: number) => void;
  size?: 'large';
  disabled?: boolean;
}) {
  const t = useT();
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="svc-rating">
      {RATING_LEVELS.map((level) => (
        <Button
          key={level}
          block
          size={props.size}
          disabled={props.disabled}
          type={props.value === level ? 'primary' : 'default'}
          data-testid={`svc-rate-${level}`}
          onClick={() => props.onPick(level)}
          style={{ display: 'flex', justifyContent: 'space-between', height: props.size ? 64 : undefined }}
        >
          <span style={{ color: level >= 4 ? '#faad14' : level === 3 ? '#8c8c8c' : '#cf1322' }}>
            {[1, 2, 3, 4, 5]
              .filter((star) => star <= level)
              .map((star) => (
                <StarFilled key={star} />
              ))}
          </span>
          <span style={{ fontSize: props.size ? 24 : undefined }}>
            {t(`svc.rating.${level}` as MessageKey)}
          </span>
        </Button>
      ))}
    </Space>
  );
}
