import type { FieldProblem } from '@ronghui/contracts';

/**
 * An HTTP failure as the console sees it. Status 0 means the server could not be reached at all.
 * `extensions` keeps the problem's extra members (e.g. `remainingAttempts`, `lockedUntil`).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly type: string | undefined;
  readonly errors: readonly FieldProblem[];
  readonly extensions: Readonly<Record<string, unknown>>;
  /** True when the body was an `application/problem+json` document written by our server. */
  readonly isProblem: boolean;

  constructor(init: {
    status: number;
    title: string;
    detail?: string | undefined;
    type?: string | undefined;
    errors?: readonly FieldProblem[];
    extensions?: Record<string, unknown>;
    isProblem?: boolean;
  }) {
    super(init.detail ?? init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.title = init.title;
    this.detail = init.detail;
    this.type = init.type;
    this.errors = init.errors ?? [];
    this.extensions = init.extensions ?? {};
    this.isProblem = init.isProblem ?? false;
  }

  numberExtension(name: string): number | undefined {
    const value = this.extensions[name];
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  }

  stringExtension(name: string): string | undefined {
    const value = this.extensions[name];
    return typeof value === 'string' ? value : undefined;
  }
}

const knownMembers = new Set(['type', 'title', 'status', 'detail', 'instance', 'errors']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseFieldProblems(value: unknown): FieldProblem[] {
  if (!Array.isArray(value)) return [];
  const out: FieldProblem[] = [];
  for (const item of value) {
    if (isRecord(item) && typeof item.message === 'string') {
      out.push({ path: typeof item.path === 'string' ? item.path : '', message: item.message });
    }
  }
  return out;
}

/** Builds an ApiError from a response status and its parsed JSON body (anything, even null). */
export function problemToError(status: number, statusText: string, body: unknown): ApiError {
  if (!isRecord(body)) {
    return new ApiError({ status, title: statusText || `HTTP ${status}` });
  }
  const extensions: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (!knownMembers.has(key)) extensions[key] = value;
  }
  return new ApiError({
    status: typeof body.status === 'number' ? body.status : status,
    title: typeof body.title === 'string' ? body.title : statusText || `HTTP ${status}`,
    detail: typeof body.detail === 'string' ? body.detail : undefined,
    type: typeof body.type === 'string' ? body.type : undefined,
    errors: parseFieldProblems(body.errors),
    extensions,
    isProblem: typeof body.title === 'string',
  });
}

/**
 * Field errors keyed by the top-level field name (`/roles/0` and `roles[0]` both become `roles`; the
 * request-part prefix of a schema error goes: `body/startsOn` becomes `startsOn`).
 */
export function fieldErrorsByName(error: ApiError): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const { path, message } of error.errors) {
    const name =
      path
        .replace(/^(body|querystring|params)(?=$|[/.[])/, '')
        .replace(/^[/.]+/, '')
        .split(/[/.[]/)[0] ?? '';
    if (!name) continue;
    const list = byName.get(name) ?? [];
    list.push(message);
    byName.set(name, list);
  }
  return byName;
}
