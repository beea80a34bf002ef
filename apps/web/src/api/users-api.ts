import type { CreateUserBody, PatchUserBody, User, UserList, UserListQuery } from '@ronghui/contracts';
import { api } from './http-client.ts';

export const fetchUsers = (query: UserListQuery) => api.get<UserList>('/users', { ...query });
export const createUser = (user: CreateUserBody) => api.post<User>('/users', user);
export const updateUser = (id: string, changes: PatchUserBody) =>
  api.patch<User>(`/users/${encodeURIComponent(id)}`, changes);
export const resetPassword = (id: string, password: string) =>
  api.post<void>(`/users/${encodeURIComponent(id)}/password`, { password });
export const unlockUser = (id: string) => api.post<void>(`/users/${encodeURIComponent(id)}/unlock`);
