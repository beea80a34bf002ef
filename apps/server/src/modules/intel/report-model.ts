const SHANGHAI_MS = 8 * 3_600_000;

/** `YYYY-MM-DD HH:mm` in Asia/Shanghai. */
export function shanghaiTime(date: Date | string | number): string {
  const ms = new Date(date).getTime() + SHANGHAI_MS;
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

export const shanghaiDate = (date: Date | string | number) => shanghaiTime(date).slice(0, 10);
