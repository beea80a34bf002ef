import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { RoleKey } from '@ronghui/contracts';
import { hasAnyRole, useAuth } from '../../app/auth-context.tsx';
import { useT } from '../../i18n/i18n-context.tsx';

/** Who may open the camera pages (the server checks every request again). */
export const cameraReaders: readonly RoleKey[] = [
  'dispatcher',
  'commander',
  'leader',
  'officer',
  'system-admin',
];

export function CameraGuard({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const t = useT();
  if (hasAnyRole(user, cameraReaders)) return children;
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('cameras.forbidden')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.home')}</Button>
        </Link>
      }
    />
  );
}
