import type { TopicPattern } from '@ronghui/contracts';
import { type QueryKey, useQuery, useQueryClient } from '@tanstack/react-query';
import { hasAnyRole, useAuth } from './auth-context.tsx';
import { useLiveEvents } from './live-channel.tsx';
import { type ModuleKey, moduleByKey } from './navigation.tsx';

/**
 * A read of one module, made only for users whose roles may open it (its menu roles) and made again when
 * an event of `refreshOn` arrives on the page's live channel (which must carry that topic).
 */
export function useModuleQuery<T>(options: {
  module: ModuleKey;
  queryKey: QueryKey;
  queryFn: () => Promise<T>;
  refreshOn: TopicPattern;
  /** What the event makes stale (default: `queryKey`). */
  stale?: QueryKey;
}) {
  const { user } = useAuth();
  const queryClient = useQueryClient();
  const allowed = hasAnyRole(user, moduleByKey(options.module).roles);
  const query = useQuery({ queryKey: options.queryKey, queryFn: options.queryFn, enabled: allowed });
  useLiveEvents(options.refreshOn, () => {
    if (allowed) void queryClient.invalidateQueries({ queryKey: options.stale ?? options.queryKey });
  });
  return { allowed, data: query.data };
}
