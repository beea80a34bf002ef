import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo } from 'react';
import { fetchMe, login, logout } from '../api/auth-api.ts';
import type { Me, RoleKey } from '@ronghui/contracts';
import { healthQueryKey, meQueryKey } from './query-client.ts';

export type AuthStatus = 'loading' | 'signed-in' | 'signed-out' | 'unreachable';

interface AuthValue {
  status: AuthStatus;
  user: Me | null;
  signIn: (username: string, password: string) => Promise<Me>;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

/**
 * Drops every cached answer that belongs to a session. The `me` and health entries stay in the cache
 * (their data is replaced or harmless): removing an entry a mounted observer watches would leave
 * that observer deaf to the new value.
 */
function forgetSessionData(queryClient: QueryClient): void {
  queryClient.removeQueries({
    predicate: (query) =>
      !isSameKey(query.queryKey, meQueryKey) && !isSameKey(query.queryKey, healthQueryKey),
  });
}

function isSameKey(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((part, i) => part === b[i]);
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const me = useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: Number.POSITIVE_INFINITY });

  const signIn = useCallback(
    async (username: string, password: string) => {
      const user = await login(username, password);
      forgetSessionData(queryClient);
      queryClient.setQueryData(meQueryKey, user);
      return user;
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await logout();
    } finally {
      // Even if the server is unreachable, nothing of the last user stays in this tab's memory.
      forgetSessionData(queryClient);
      queryClient.setQueryData(meQueryKey, null);
    }
  }, [queryClient]);

  const value = useMemo<AuthValue>(() => {
    const user = me.data ?? null;
    let status: AuthStatus;
    if (user) status = 'signed-in';
    else if (me.isPending) status = 'loading';
    else if (me.isError) status = 'unreachable';
    else status = 'signed-out';
    return { status, user, signIn, signOut };
  }, [me.data, me.isPending, me.isError, signIn, signOut]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('AuthProvider is missing above this component');
  return value;
}

export function hasAnyRole(user: Me | null, roles: readonly RoleKey[] | 'everyone'): boolean {
  if (!user) return false;
  if (roles === 'everyone') return true;
  return user.roles.some((role) => roles.includes(role));
}
