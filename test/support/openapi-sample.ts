import { randomUUID } from 'node:crypto';

/** A JSON Schema as the OpenAPI document of `/api/docs/json` gives it. */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  minItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  nullable?: boolean;
  default?: unknown;
  allOf?: JsonSchema[];
  $ref?: string;
}

export interface SampleOptions {
  /** Schemas a `$ref` names (`#/components/schemas/<name>`). */
  components?: Record<string, JsonSchema>;
  /** Fill the optional properties of the outermost object too (to have every field there to vary). */
  everyField?: boolean;
}

/** Strings that satisfy the patterns our contracts use (a pattern not listed here fails the test loudly). */
const BY_PATTERN: [RegExp, () => string][] = [
  // The scorecard: a survey period, a yoy category, a day of the year.
  [/\^\\d\{4\}\(Q\[1-4\]/, () => '2023Q4'],
  [/\^\[a-z0-9-\]\+\$/, () => 'theft'],
  [/\^\(0\[1-9\]\|1\[0-2\]\)-/, () => '06-30'],
  // A bbox (west,south,east,north) around the county.
  [/\^-\?\\d\+\(\\\.\\d\+\)\?,-\?\\d/, () => '118.0,25.3,118.6,25.8'],
  [/\[1-8\]\[0-9a-fA-F\]\{3\}/, () => randomUUID()],
  [/\^SR-/, () => 'SR-0000abcd'],
  // A service item code (一窗通办).
  [/\^\[A-Z\]\{2,3\}-/, () => 'HJ-001'],
  [/\^\(1\[3-9\]/, () => '13800000000'],
  [/\^RPT-/, () => 'RPT-0000abcd'],
  [/\\d\{12\}/, () => '350526100001'],
  [/\^\\d\{4\}\$/, () => '1234'],
  [/\^1\[3-9\]/, () => '13800000000'],
  [/\\d\{6\}/, () => '350526'],
  [/\\d\{9\}/, () => '350526100'],
  [/\\d\{1,3\}\(,/, () => '3,5'],
  [/\\d\+\(\\\.\\d\+\)\?\(,/, () => '100,200'],
  [/-\?\\d\+\(\\\.\\d\+\)\?\\s\*,/, () => '118.27,25.49'],
  [/\^\[a-z0-9\]\[a-z0-9\._-\]/, () => 'probe-user'],
  [/\^\[A-Za-z0-9\]\[A-Za-z0-9\._:-\]/, () => 'probe-1'],
  [/\^\[A-Za-z0-9\._:-\]\+\$/, () => 'probe-1'],
  [/\^\[A-Za-z0-9_-\]\+\$/, () => 'probe-1'],
  [/\^\[A-Za-z0-9_-\]\+=\*\$/, () => 'cHJvYmUtcHJvYmU'],
  [/\^\[a-z0-9,-\]\*\$/, () => 'patrol'],
  [/\^\[0-9A-Za-z\.-\]\{1,20\}\$/, () => '0-255'],
  [/\\x21-\\x7e/, () => `probe-${randomUUID()}`],
  [/\\d\{4\}-\(0\[1-9\]/, () => '2023-06'],
  [/\\d\{4\}\(-\(0\[1-9\]/, () => '2023'],
  [/\(\?:\(\?:\\d\\d\[2468\]/, () => new Date(Date.UTC(2026, 11, 1)).toISOString()],
];

function sampleString(s: JsonSchema): string {
  if (s.format === 'uuid') return randomUUID();
  if (s.format === 'date-time') return new Date(Date.UTC(2026, 11, 1)).toISOString();
  if (s.format === 'date') return '2026-12-01';
  if (s.pattern) {
    const hit = BY_PATTERN.find(([re]) => re.test(s.pattern!));
    if (!hit) throw new Error(`no sample for the pattern ${s.pattern}`);
    return hit[1]();
  }
  const text = '测试 probe';
  return text.padEnd(s.minLength ?? 0, 'x').slice(0, s.maxLength ?? text.length);
}

function sampleNumber(s: JsonSchema, integer: boolean): number {
  const lo = typeof s.minimum === 'number' ? s.minimum : -Infinity;
  const hi = typeof s.maximum === 'number' ? s.maximum : Infinity;
  let v = 1;
  if (v < lo || (s.exclusiveMinimum === true && v <= lo)) v = lo + (integer ? 1 : 0.5);
  if (v > hi) v = integer ? Math.floor(hi) : hi / 2;
  return v;
}

/**
 * The smallest value that passes a schema: required properties only (every property of the outermost object
 * with `everyField`), first alternatives, lowest counts. A pattern it has no sample for fails loudly.
 */
export function sampleOf(s: JsonSchema | undefined, options: SampleOptions = {}, depth = 0): unknown {
  const inner = (child: JsonSchema | undefined) => sampleOf(child, options, depth + 1);
  if (!s || Object.keys(s).length === 0) return new Date(Date.UTC(2026, 11, 1)).toISOString();
  if (s.$ref) return inner(options.components?.[s.$ref.split('/').pop()!]);
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const alternatives = s.anyOf ?? s.oneOf ?? s.allOf;
  if (alternatives) return inner(alternatives.find((a) => a.type !== 'null') ?? alternatives[0]);
  const type = Array.isArray(s.type)
    ? s.type.find((t) => t !== 'null')
    : (s.type ?? (s.properties ? 'object' : undefined));
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const keys = options.everyField && depth === 0 ? Object.keys(s.properties ?? {}) : (s.required ?? []);
      for (const key of keys) out[key] = inner(s.properties?.[key]);
      return out;
    }
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => inner(s.items));
    case 'string':
      return sampleString(s);
    case 'integer':
      return sampleNumber(s, true);
    case 'number':
      return sampleNumber(s, false);
    case 'boolean':
      return false;
    default:
      throw new Error(`no sample for the schema ${JSON.stringify(s).slice(0, 200)}`);
  }
}

interface OpenApiOperation {
  parameters?: { in: 'path' | 'query' | 'header'; name: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
}

export interface SampleRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

/**
 * A request to a route that passes its declared schemas (path, required query, body), so what answers it
 * is the route's own logic: authentication, role, scope, existence.
 */
export function sampleRequest(
  doc: { paths: Record<string, Record<string, OpenApiOperation>> },
  method: string,
  url: string,
): SampleRequest {
  const op = doc.paths[url.replace(/:([A-Za-z]+)/g, '{$1}')]?.[method.toLowerCase()] ?? {};
  const params = op.parameters ?? [];
  let path = url;
  for (const p of params.filter((p) => p.in === 'path'))
    path = path.replace(`:${p.name}`, encodeURIComponent(String(sampleOf(p.schema))));
  const query = new URLSearchParams();
  for (const p of params.filter((p) => p.in === 'query' && p.required))
    query.set(p.name, String(sampleOf(p.schema)));
  const headers: Record<string, string> = {};
  let payload: string | undefined;
  const content = op.requestBody?.content ?? {};
  if (content['application/json']) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(sampleOf(content['application/json'].schema));
  } else if (content['text/csv']) {
    headers['content-type'] = 'text/csv';
    payload = 'id,lon,lat\nprobe-1,118.27,25.49\n';
  } else if (['POST', 'PUT', 'PATCH'].includes(method)) {
    headers['content-type'] = 'application/json';
    payload = '{}';
  }
  const qs = query.toString();
  return { method, url: qs ? `${path}?${qs}` : path, headers, payload };
}
