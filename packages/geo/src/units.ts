/** Branded scalar types: a value's unit is part of its type, so mixing metres and seconds fails to compile. */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type Meters = Brand<number, 'Meters'>;
export type Seconds = Brand<number, 'Seconds'>;
export type KmPerHour = Brand<number, 'KmPerHour'>;

export const meters = (n: number) => n as Meters;
export const seconds = (n: number) => n as Seconds;
export const kmh = (n: number) => n as KmPerHour;

/** A county's 6-digit GB/T 2260 division code, e.g. "350526" for 德化县. */
export type TenantCode = Brand<string, 'TenantCode'>;
export function tenantCode(code: string): TenantCode {
  if (!/^\d{6}$/.test(code)) throw new RangeError(`tenant code must be 6 digits, got "${code}"`);
  return code as TenantCode;
}
