import { stdSerializers } from 'pino';

/**
 * Members of a database error that may hold values of the failed statement: its bound parameters (a
 * password hash, a caller's phone), the row that broke a constraint (`detail`: `Key (username)=(…)`), the
 * parameter values PostgreSQL quotes in `where`, and the driver's own copies of the query options.
 */
const VALUE_MEMBERS = ['params', 'parameters', 'values', 'queryOptions', 'detail', 'where', 'internalQuery'];

/** SQLSTATE class 22 (data exception) messages end with the offending value: `…integer: "abc"`. */
const quotedValue = /:\s*"[\s\S]*"\s*$/;

interface SerializedError {
  [key: string]: unknown;
  message?: string;
  code?: unknown;
  cause?: unknown;
}

/**
 * The error as the log may keep it: for a database error, the SQL text (`sql`) and SQLSTATE without any
 * value (no parameters, no row detail); other errors as pino serialises them. Nested causes likewise.
 */
export function errorForLog(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error) || depth > 5) return error;
  const out = stdSerializers.err(error) as SerializedError;
  for (const key of VALUE_MEMBERS) delete out[key];
  if (typeof out.query === 'string') {
    out.sql = out.query;
    delete out.query;
  } else if (out.query !== undefined) delete out.query;
  const code = typeof out.code === 'string' ? out.code : '';
  if (/^22[0-9A-Z]{3}$/.test(code) && typeof out.message === 'string') {
    out.message = out.message.replace(quotedValue, ': "[redacted]"');
    if (typeof out.stack === 'string') out.stack = out.stack.replace(/^.*$/m, `error: ${out.message}`);
  }
  if (error.cause !== undefined) out.cause = errorForLog(error.cause, depth + 1);
  return out;
}

/** pino serializers for the server's logger: every `err` logged goes through `errorForLog`. */
export const logSerializers = { err: errorForLog, error: errorForLog };
