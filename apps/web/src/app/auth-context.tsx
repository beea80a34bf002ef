import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo } from 'react';
import { fetchMe, login, logout } from '../api/auth-api.ts';
import type { Me, RoleKey } from '../api/types.ts';
import { meQueryKey } from './query-client.ts';

export type AuthStatus = 'loading' | 'signed-in' | 'signed-out' | 'unreachable';

interface AuthValue {
  status: AuthStatus;
  user: Me | null;
  signIn: (username: string, password: string) => Promise<Me>;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const me = useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: Number.POSITIVE_INFINITY });

  const signIn = useCallback(
    async (username: string, password: string) => {
      const user = await login(username, password);
      queryClient.clear();
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
      queryClient.clear();
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
