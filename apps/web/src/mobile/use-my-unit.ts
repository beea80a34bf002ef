import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fieldApi } from '../api/field-api.ts';
import type { MobileContext } from './mobile-context.ts';

export const myUnitKey = ['mobile', 'my-unit'] as const;

/** The unit this officer works today (上岗), refreshed with the other lists. */
export function useMyUnit({ offline }: Pick<MobileContext, 'offline'>) {
  return useQuery({
    queryKey: myUnitKey,
    queryFn: fieldApi.myUnit,
    enabled: !offline,
    refetchInterval: 30_000,
  });
}

/** Sign on to a unit (上岗) or off it (下岗): done online, since the tracker and the orders follow it. */
export function useSignOn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (unitId: string | null) => (unitId ? fieldApi.signOn(unitId) : fieldApi.signOff()),
    onSuccess: (answer) => {
      queryClient.setQueryData(myUnitKey, answer);
      void queryClient.invalidateQueries({ queryKey: ['mobile', 'units'] });
    },
  });
}
