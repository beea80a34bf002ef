import type { App } from './app-types.ts';
import { DomainError } from './errors.ts';

/**
 * The deepest JSON a request body may nest. No body of the API goes beyond a handful of levels (GeoJSON
 * polygons are the deepest); ten thousand levels would only exhaust stacks further in (validation, the
 * NUL guard, jsonb in PostgreSQL).
 */
export const MAX_JSON_DEPTH = 64;

/** How deep `text` nests arrays and objects, counted without parsing (brackets inside strings ignored). */
export function jsonDepth(text: string, stopAt = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > stopAt) return deepest;
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/**
 * JSON bodies through Fastify's own parser (prototype poisoning refused), after a depth check: nesting
 * deeper than MAX_JSON_DEPTH is a 400 naming the body.
 */
export function installJsonBodyParser(app: App): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
      const message = `must not nest arrays and objects deeper than ${MAX_JSON_DEPTH} levels`;
      done(
        new DomainError('validation', 'Invalid request', `body: ${message}`, {}, [{ path: 'body', message }]),
      );
      return;
    }
    parse(request, text, done);
  });
}
