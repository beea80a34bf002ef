import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useT } from '../i18n/i18n-context.tsx';
import { hasAnyRole, useAuth } from './auth-context.tsx';
import { type ModuleKey, moduleByKey } from './navigation.tsx';

/** Keeps a page to the roles its menu entry names; the server still checks every request. */
export function RequireRole({ module, children }: { module: ModuleKey; children: ReactNode }) {
  const { user } = useAuth();
  const t = useT();
  if (!hasAnyRole(user, moduleByKey(module).roles)) {
    return (
      <Result
        status="403"
        title="403"
        subTitle={t('error.forbiddenPage')}
        extra={
          <Link to="/">
            <Button type="primary">{t('common.home')}</Button>
          </Link>
        }
      />
    );
  }
  return children;
}
