import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { welfareApi, welfareKeys } from '../../api/welfare-api.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';

/** Picks a member of staff by org, kind and masked name (the full name is not needed to choose). */
export function StaffPicker(props: {
  value?: string | undefined;
  onChange?: (id: string) => void;
  kind?: 'officer' | 'auxiliary' | 'civilian';
}) {
  const t = useT();
  const filter = { kind: props.kind, pageSize: 500 };
  const staff = useQuery({
    queryKey: welfareKeys.staff(JSON.stringify(filter)),
    queryFn: () => welfareApi.staff(filter),
  });
  return (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      loading={staff.isPending}
      value={props.value}
      onChange={(v) => props.onChange?.(v)}
      placeholder={t('wf.pick.staff')}
      data-testid="wf-staff-picker"
      options={(staff.data?.items ?? []).map((s) => ({
        value: s.id,
        label: `${s.orgName} · ${t(`wf.kind.${s.kind}` as MessageKey)} · ${s.position} · ${s.name}`,
      }))}
    />
  );
}
