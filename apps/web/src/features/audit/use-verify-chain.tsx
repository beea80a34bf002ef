import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { verifyAuditChain } from '../../api/audit-api.ts';
import { describeError } from '../../api/describe-error.ts';
import type { AuditVerifyResult } from '@ronghui/contracts';
import type { Translate } from '../../i18n/i18n-context.tsx';
import { useT } from '../../i18n/i18n-context.tsx';

function verdict(result: AuditVerifyResult, t: Translate): string {
  if (result.ok) return t('audit.verifyOk', { n: result.checked });
  if (result.firstBad) {
    return t('audit.verifyBad', {
      n: result.checked,
      seq: result.firstBad.seq,
      problem: result.firstBad.problem,
    });
  }
  if (result.badCheckpoint) {
    return t('audit.verifyBadCheckpoint', {
      n: result.checked,
      seq: result.badCheckpoint.seq ?? '?',
      problem: result.badCheckpoint.problem,
    });
  }
  return t('audit.verifyBadNoSeq', { n: result.checked });
}

/** Asks the server to recompute the keyed hash chain against its signed checkpoints and says what was altered. */
export function useVerifyChain() {
  const t = useT();
  const queryClient = useQueryClient();
  const verify = useMutation({
    mutationFn: verifyAuditChain,
    // Verifying is itself audited: refresh the list so the new record shows.
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['audit'] }),
  });
  const button = (
    <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>
      {t('audit.verify')}
    </Button>
  );
  let banner = null;
  if (verify.data) {
    banner = (
      <Alert
        type={verify.data.ok ? 'success' : 'error'}
        showIcon
        closable={{ onClose: () => verify.reset() }}
        title={verdict(verify.data, t)}
        data-testid="verify-result"
      />
    );
  } else if (verify.error) {
    banner = (
      <Alert type="error" showIcon title={describeError(verify.error, t)} data-testid="verify-result" />
    );
  }
  return { button, banner };
}
