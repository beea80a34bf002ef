import { EyeOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { createContext, useContext } from 'react';
import { useT } from '../i18n/i18n-context.tsx';

/** True inside a console whose user may look but not act: action controls render nothing. */
export const ReadOnlyContext = createContext(false);

export function useReadOnly(): boolean {
  return useContext(ReadOnlyContext);
}

/** The visible 只读 mark of a read-only console. */
export function ReadOnlyBadge() {
  const t = useT();
  return (
    <Tooltip title={t('dispatch.readOnly.hint')}>
      <Tag icon={<EyeOutlined />} color="gold" data-testid="read-only-badge" style={{ marginInlineEnd: 0 }}>
        {t('dispatch.readOnly.badge')}
      </Tag>
    </Tooltip>
  );
}
