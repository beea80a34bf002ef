import { describe, expect, it } from 'vitest';
import { main } from '../cli.ts';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err, json: () => JSON.parse(out[out.length - 1] ?? '{}') as Record<string, unknown> };
}

describe('ronghui services', () => {
  it('prints usage naming its sub-commands', async () => {
    const r = await run(['services', '--help']);
    expect(r.code).toBe(0);
    for (const s of ['deadline', '--working-days', 'calendar', '--year'])
      expect(r.out.join('\n')).toContain(s);
  });

  it('counts working days across the 2024 Spring Festival, last line JSON', async () => {
    const r = await run(['services', 'deadline', '--from', '2024-02-08', '--working-days', '3']);
    expect(r.code).toBe(0);
    expect(r.out[0]).toContain('2024-02-19');
    expect(r.json()).toEqual({ date: '2024-02-19' });
    const makeUp = await run(['services', 'deadline', '--from', '2023-09-28', '--working-days', '1']);
    expect(makeUp.json()).toEqual({ date: '2023-10-07' });
  });

  it('marks a deadline in a year without an official schedule as provisional', async () => {
    const r = await run(['services', 'deadline', '--from', '2099-04-30', '--working-days', '1']);
    expect(r.code).toBe(0);
    expect(r.out[0]).toContain('provisional');
    expect(r.json()).toEqual({ date: '2099-05-04', provisional: true });
  });

  it('rejects a bad date and a missing flag, naming the problem', async () => {
    const bad = await run(['services', 'deadline', '--from', '2024-02-30', '--working-days', '3']);
    expect(bad.code).toBe(2);
    expect(bad.err.join('\n')).toContain('--from: "2024-02-30" is not a date');
    const missing = await run(['services', 'deadline', '--from', '2024-02-08']);
    expect(missing.code).toBe(2);
    expect(missing.err.join('\n')).toContain('--working-days is required');
    const negative = await run(['services', 'deadline', '--from', '2024-02-08', '--working-days', '-2']);
    expect(negative.code).toBe(2);
    const unknown = await run(['services', 'holidays']);
    expect(unknown.code).toBe(2);
    expect(unknown.err.join('\n')).toContain('unknown sub-command "holidays"');
    const noYear = await run(['services', 'calendar']);
    expect(noYear.code).toBe(2);
    expect(noYear.err.join('\n')).toContain('--year is required');
  });

  it('lists a year of holidays and make-up working days', async () => {
    const r = await run(['services', 'calendar', '--year', '2024']);
    expect(r.code).toBe(0);
    const json = r.json() as {
      year: number;
      holidays: { date: string; name: string }[];
      make_up_working_days: { date: string; name: string }[];
    };
    expect(json.year).toBe(2024);
    expect(json).not.toHaveProperty('provisional');
    expect(json.make_up_working_days.map((d) => d.date)).toEqual(
      expect.arrayContaining(['2024-02-04', '2024-02-18']),
    );
    expect(json.holidays.find((d) => d.date === '2024-02-10')?.name).toBe('春节');
    const later = await run(['services', 'calendar', '--year', '2099']);
    expect(later.json()).toMatchObject({ year: 2099, provisional: true, make_up_working_days: [] });
  });
});
