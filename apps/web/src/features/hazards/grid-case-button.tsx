import type { HazardDetail, IncidentDetail } from '@ronghui/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm } from 'antd';
import { api } from '../../api/http-client.ts';
import { describeError } from '../../api/describe-error.ts';
import { hasAnyRole, useAuth } from '../../app/auth-context.tsx';
import { useT } from '../../i18n/i18n-context.tsx';

/** 转网格: a dispatcher hands a call that is not police business to the grid centre (once per incident). */
export function GridCaseButton({ incident }: { incident: IncidentDetail }) {
  const t = useT();
  const { user } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const refer = useMutation({
    mutationFn: () => api.post<HazardDetail>(`/incidents/${incident.id}/grid-case`, {}),
    onSuccess: (h) => {
      message.success(t('hazards.incidentTimeline.gridCase', { number: h.number }));
      void queryClient.invalidateQueries({ queryKey: ['dispatch'] });
    },
    onError: (error) => message.error(describeError(error, t)),
  });
  if (!hasAnyRole(user, ['dispatcher', 'commander'])) return null;
  if (incident.timeline.some((e) => e.kind === 'grid-case')) return null;
  if (incident.status === 'closed' || incident.status === 'merged') return null;
  return (
    <Popconfirm title={t('hazards.gridCase.confirm')} onConfirm={() => refer.mutate()}>
      <Button size="small" loading={refer.isPending} data-testid="incident-grid-case">
        {t('hazards.gridCase.button')}
      </Button>
    </Popconfirm>
  );
}
