import { useQuery } from '@tanstack/react-query';
import { fetchHealth } from '../api/auth-api.ts';
import { healthQueryKey } from './query-client.ts';

/** Server health: the tenant's name and whether this is a demo installation. */
export function useHealth() {
  return useQuery({ queryKey: healthQueryKey, queryFn: fetchHealth, staleTime: 5 * 60_000 });
}
