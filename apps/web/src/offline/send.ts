import type { WriteMethod } from './outbox-db.ts';

/** What the outbox hands to `send`: one queued write with its idempotency key. */
export interface OutboxRequest {
  id: number;
  method: WriteMethod;
  url: string;
  body: unknown;
  idempotencyKey: string;
}

/** The server's answer. A network failure is a thrown error, not an answer. */
export interface OutboxAnswer {
  status: number;
  body: unknown;
}

export type OutboxSend = (request: OutboxRequest) => Promise<OutboxAnswer>;

/** How long one write may take before it counts as a network failure (and is sent again later). */
export const SEND_TIMEOUT_MS = 20_000;

/** A body sent as raw bytes with its own type (a photo), not as JSON. IndexedDB keeps the bytes as they are. */
export interface BinaryBody {
  binary: ArrayBuffer;
  contentType: string;
}

export function binaryBody(binary: ArrayBuffer, contentType: string): BinaryBody {
  return { binary, contentType };
}

export function isBinaryBody(body: unknown): body is BinaryBody {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as Partial<BinaryBody>;
  return b.binary instanceof ArrayBuffer && typeof b.contentType === 'string';
}

/**
 * The default `send`: fetch with the session cookie, the `Idempotency-Key` header and a JSON body (or the raw
 * bytes of a `BinaryBody`).
 */
export const fetchSend: OutboxSend = async (request) => {
  const headers: Record<string, string> = {
    accept: 'application/json, application/problem+json',
    'idempotency-key': request.idempotencyKey,
  };
  const binary = isBinaryBody(request.body) ? request.body : null;
  if (binary) headers['content-type'] = binary.contentType;
  else if (request.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(request.url, {
    method: request.method,
    headers,
    credentials: 'same-origin',
    body: binary ? binary.binary : request.body === undefined ? null : JSON.stringify(request.body),
    signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
  });
  let body: unknown = null;
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      body = await response.json();
    } catch {
      body = null;
    }
  }
  return { status: response.status, body };
};
