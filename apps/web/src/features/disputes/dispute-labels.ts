import type { DisputeRisk } from '@ronghui/contracts';

export const RISK_COLOR: Record<DisputeRisk, string> = { red: 'red', yellow: 'gold', blue: 'blue' };
export const STATUS_COLOR: Record<string, string> = {
  registered: 'default',
  mediating: 'processing',
  settled: 'success',
  failed: 'error',
  referred: 'warning',
  'followed-up': 'cyan',
  closed: 'default',
};
