import { describe, expect, it } from 'vitest';
import { main } from '../cli.ts';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

// The figures themselves are checked over HTTP in modules/stats/stats.http.test.ts (same code path).
describe('ronghui stats', () => {
  it('prints usage naming its sub-commands', async () => {
    const r = await run(['stats', '--help']);
    expect(r.code).toBe(0);
    for (const s of ['yoy', 'clearance', '--category']) expect(r.out.join('\n')).toContain(s);
  });

  it('rejects a missing year, a bad category and a bad group before opening a database', async () => {
    const noYear = await run(['stats', 'yoy', '--category', 'theft']);
    expect(noYear.code).toBe(2);
    expect(noYear.err.join('\n')).toContain('--year is required');
    const bad = await run(['stats', 'yoy', '--year', '2023', '--category', 'nonsense']);
    expect(bad.code).toBe(2);
    expect(bad.err.join('\n')).toContain('unknown category "nonsense"');
    const group = await run(['stats', 'clearance', '--year', '2023', '--group', 'cars']);
    expect(group.code).toBe(2);
    expect(group.err.join('\n')).toContain('--group');
  });
});
