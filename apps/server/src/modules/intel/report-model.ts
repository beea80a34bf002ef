import { chinaIso } from '@ronghui/geo';

/** `YYYY-MM-DD HH:mm` in China time. */
export function shanghaiTime(date: Date | string | number): string {
  return chinaIso(new Date(date)).slice(0, 16).replace('T', ' ');
}

export const shanghaiDate = (date: Date | string | number) => shanghaiTime(date).slice(0, 10);
