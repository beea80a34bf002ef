import { Alert, Button } from 'antd';
import { describeError } from '../api/describe-error.ts';
import { useT } from '../i18n/i18n-context.tsx';

/** A failed load, said in words the user can act on, with a way to try again. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  return (
    <Alert
      type="error"
      showIcon
      title={t('error.loadFailed')}
      description={describeError(error, t)}
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )
      }
    />
  );
}
