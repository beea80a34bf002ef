import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useT } from '../i18n/i18n-context.tsx';

export function NotFoundPage() {
  const t = useT();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('error.notFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.home')}</Button>
        </Link>
      }
    />
  );
}
