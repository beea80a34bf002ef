import type { FastifyRequest } from 'fastify';
import { DomainError } from './errors.ts';

/**
 * Where in a parsed request a string (or an object key) fails `bad`, as a field path (`body/caller/name`),
 * or undefined. Stops at a depth no request reaches (JSON bodies deeper than 64 levels are refused when
 * parsed).
 */
function findText(
  value: unknown,
  path: string,
  bad: (text: string) => boolean,
  depth = 0,
): string | undefined {
  if (typeof value === 'string') return bad(value) ? path : undefined;
  if (value === null || typeof value !== 'object' || depth > 64 || ArrayBuffer.isView(value))
    return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findText(value[i], `${path}/${i}`, bad, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, child] of Object.entries(value)) {
    if (bad(key)) return `${path}/${key.replaceAll('\u0000', '\\u0000').replace(loneSurrogate, '\ufffd')}`;
    const found = findText(child, `${path}/${key}`, bad, depth + 1);
    if (found) return found;
  }
  return undefined;
}

const hasNul = (text: string) => text.includes('\u0000');
/** A high surrogate not followed by a low one, or a low one not preceded by a high one (UTF-16 code units). */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const isIllFormed = (text: string) => text.search(loneSurrogate) !== -1;

/**
 * Where in a parsed request a string (or an object key) holds U+0000, or undefined. PostgreSQL cannot store
 * the NUL character in text, so it is refused at the door, by name, instead of failing inside a query.
 */
export function nulPath(value: unknown, path: string): string | undefined {
  return findText(value, path, hasNul);
}

/**
 * Where a string holds a lone UTF-16 surrogate (`\ud800` in JSON), or undefined. It is no character at all:
 * text columns would store U+FFFD in its place and jsonb refuses it outright.
 */
export function loneSurrogatePath(value: unknown, path: string): string | undefined {
  return findText(value, path, isIllFormed);
}

const parts = (request: FastifyRequest) =>
  [
    [request.params, 'params'],
    [request.query, 'querystring'],
    [request.body, 'body'],
    [request.headers, 'headers'],
  ] as const;

/**
 * A `preValidation` hook for every route: a NUL, or a lone surrogate, in the body, query, path or headers
 * is a 400 naming where.
 */
export async function rejectNul(request: FastifyRequest): Promise<void> {
  for (const [find, message] of [
    [nulPath, 'must not contain the NUL character (U+0000)'],
    [loneSurrogatePath, 'must be well-formed Unicode (a lone surrogate such as \\ud800 is not a character)'],
  ] as const) {
    for (const [value, where] of parts(request)) {
      const path = find(value, where);
      if (path)
        throw new DomainError('validation', 'Invalid request', `${path}: ${message}`, {}, [
          { path, message },
        ]);
    }
  }
}
