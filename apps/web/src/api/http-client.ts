import { ApiError, problemToError } from './api-error.ts';

export type QueryValue = string | number | boolean | null | undefined;

/** `/api` + path + the defined, non-empty query parameters. */
export function apiUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return `/api${path}${search ? `?${search}` : ''}`;
}

async function readBody(response: Response): Promise<unknown> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return null;
  try {
    return await response.json();
  } catch {
    return null;
  }
}

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch (cause) {
    throw new ApiError({
      status: 0,
      title: 'Network error',
      detail: cause instanceof Error ? cause.message : undefined,
    });
  }
  const parsed = await readBody(response);
  if (!response.ok) throw problemToError(response.status, response.statusText, parsed);
  // The API contract fixes each endpoint's body shape; the server validates its own output.
  return parsed as T;
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>) => request<T>('GET', apiUrl(path, query)),
  post: <T>(path: string, body?: unknown) => request<T>('POST', apiUrl(path), body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', apiUrl(path), body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', apiUrl(path), body),
  delete: <T = null>(path: string, body?: unknown) => request<T>('DELETE', apiUrl(path), body),
};
