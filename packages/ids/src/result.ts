import type { IdsReason } from './messages.ts';

/** Outcome of parsing user input: the value, or a reason the user can act on (see messages.ts). */
export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: IdsReason };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(reason: IdsReason): Result<T> => ({ ok: false, reason });
