import { api } from './http-client.ts';
import type { Page, RoleKey, User, UserStatus } from './types.ts';

export interface UserQuery {
  q: string;
  page: number;
  pageSize: number;
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  roles: RoleKey[];
  orgId: string;
}

export interface UserChanges {
  displayName?: string;
  roles?: RoleKey[];
  orgId?: string;
  status?: UserStatus;
}

export const fetchUsers = (query: UserQuery) => api.get<Page<User>>('/users', { ...query });
export const createUser = (user: NewUser) => api.post<User>('/users', user);
export const updateUser = (id: string, changes: UserChanges) =>
  api.patch<User>(`/users/${encodeURIComponent(id)}`, changes);
export const resetPassword = (id: string, password: string) =>
  api.post<void>(`/users/${encodeURIComponent(id)}/password`, { password });
export const unlockUser = (id: string) => api.post<void>(`/users/${encodeURIComponent(id)}/unlock`);
