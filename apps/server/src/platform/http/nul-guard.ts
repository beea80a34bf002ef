import type { FastifyRequest } from 'fastify';
import { DomainError } from './errors.ts';

/**
 * Where in a parsed request a string (or an object key) holds U+0000, as a field path (`body/caller/name`),
 * or undefined. PostgreSQL cannot store the NUL character in text, so it is refused at the door, by name,
 * instead of failing inside a query.
 */
export function nulPath(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (value === null || typeof value !== 'object' || depth > 64 || ArrayBuffer.isView(value))
    return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulPath(value[i], `${path}/${i}`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, child] of Object.entries(value)) {
    if (key.includes('\u0000')) return `${path}/${key.replaceAll('\u0000', '\\u0000')}`;
    const found = nulPath(child, `${path}/${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** A `preValidation` hook for every route: a NUL in the body, query, path or headers is a 400 naming where. */
export async function rejectNul(request: FastifyRequest): Promise<void> {
  const path =
    nulPath(request.params, 'params') ??
    nulPath(request.query, 'querystring') ??
    nulPath(request.body, 'body') ??
    nulPath(request.headers, 'headers');
  if (!path) return;
  const message = 'must not contain the NUL character (U+0000)';
  throw new DomainError('validation', 'Invalid request', `${path}: ${message}`, {}, [{ path, message }]);
}
