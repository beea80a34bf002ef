import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { fetchRoles } from '../../api/auth-api.ts';
import { adminRoleKeys, type RoleKey } from '@ronghui/contracts';
import { useLocale, useT } from '../../i18n/i18n-context.tsx';

/** Role options from the server, named in the current language (our dictionary if the list is missing). */
export function useRoleOptions() {
  const roles = useQuery({ queryKey: ['auth', 'roles'], queryFn: fetchRoles, staleTime: 10 * 60_000 });
  const { locale } = useLocale();
  const t = useT();
  const options = useMemo(
    () =>
      (roles.data?.items ?? []).map((role) => ({
        value: role.key,
        label: locale === 'zh-CN' ? role.nameZh : role.nameEn,
      })),
    [roles.data, locale],
  );
  /** What the console may give: administrator roles are given only on the server (三员分立). */
  const assignable = useMemo(() => options.filter((o) => !adminRoleKeys.includes(o.value)), [options]);
  const labelOf = (key: RoleKey) => options.find((o) => o.value === key)?.label ?? t(`role.${key}`);
  return { ...roles, options, assignable, labelOf };
}
