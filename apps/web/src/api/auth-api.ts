import type { Health, LoginResult, Me, RoleList } from '@ronghui/contracts';
import { ApiError } from './api-error.ts';
import { api } from './http-client.ts';

export const fetchHealth = () => api.get<Health>('/health');

/** The signed-in user, or null when there is no valid session. */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await api.get<Me>('/auth/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export async function login(username: string, password: string): Promise<Me> {
  const { user } = await api.post<LoginResult>('/auth/login', { username, password });
  return user;
}

export const logout = () => api.post<void>('/auth/logout');

export const fetchRoles = () => api.get<RoleList>('/auth/roles');
