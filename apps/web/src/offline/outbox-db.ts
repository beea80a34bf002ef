import { Dexie, type EntityTable } from 'dexie';

/** The HTTP methods that change something: the only ones the outbox carries. */
export type WriteMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A queued write as stored. `seq` (auto-increment) is its place in the queue and its id. */
export interface StoredWrite {
  seq?: number;
  idempotencyKey: string;
  method: WriteMethod;
  url: string;
  body: unknown;
  label: string;
  createdAt: string;
  attempts: number;
  lastError: string | null;
}

/** The server's refusal as problem+json (only the fields the user needs; `body` keeps all of it). */
export interface RefusalProblem {
  status: number;
  title: string | null;
  detail: string | null;
  errors: { path: string; message: string }[];
}

export interface RefusedWrite extends Required<StoredWrite> {
  refusedAt: string;
  problem: RefusalProblem;
  answer: unknown;
}

export interface SentWrite {
  seq: number;
  idempotencyKey: string;
  method: WriteMethod;
  url: string;
  label: string;
  createdAt: string;
  sentAt: string;
  status: number;
  answer: unknown;
}

/** The flush lease of the tabs that have no Web Locks: whoever holds it (until `until`) may send. */
export interface FlushLease {
  name: string;
  owner: string;
  until: number;
}

export type OutboxDb = Dexie & {
  pending: EntityTable<StoredWrite, 'seq'>;
  refused: EntityTable<RefusedWrite, 'seq'>;
  sent: EntityTable<SentWrite, 'seq'>;
  lease: EntityTable<FlushLease, 'name'>;
};

/** One IndexedDB database per outbox name (`ronghui-outbox-<name>`). */
export function openOutboxDb(name: string): OutboxDb {
  const db = new Dexie(`ronghui-outbox-${name}`) as OutboxDb;
  db.version(1).stores({
    pending: '++seq',
    refused: 'seq',
    sent: 'seq',
    lease: 'name',
  });
  return db;
}
