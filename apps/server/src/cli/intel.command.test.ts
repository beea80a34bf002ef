import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedFixture } from '../../../../test/support/env.ts';
import { main } from '../cli.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

const lastJson = (lines: string[]) => JSON.parse(lines[lines.length - 1] ?? '{}') as Record<string, unknown>;
const dir = mkdtempSync(join(tmpdir(), 'rh-intel-'));
const generated = join(dir, 'burglaries.csv');

async function run(args: string[]) {
  const c = capture();
  const code = await main(args, c.io);
  return { code, ...c };
}

// Every test can run alone: the history the others read is generated up front (the generate test checks it).
beforeAll(async () => {
  await main(
    ['intel', 'generate', '--out', generated, '--seed', '5', '--series', '30', '--background', '300'],
    capture().io,
  );
});

describe('ronghui intel', () => {
  it('prints usage naming every sub-command and its options', async () => {
    const r = await run(['intel', '--help']);
    expect(r.code).toBe(0);
    const text = r.out.join('\n');
    for (const s of [
      'generate',
      'link-eval',
      'knox',
      'hotspots',
      '--space-bands',
      '--area-share',
      '--format portland',
    ])
      expect(text).toContain(s);
    const sub = await run(['intel', 'knox', '--help']);
    expect(sub.out.join('\n')).toContain('--time-bands');
  });

  it('generates a history and evaluates linkage on it, last line JSON', async () => {
    const g = await run([
      'intel',
      'generate',
      '--out',
      generated,
      '--seed',
      '5',
      '--series',
      '30',
      '--background',
      '300',
    ]);
    expect(g.code).toBe(0);
    expect(lastJson(g.out)).toMatchObject({ series: 30, background: 300, seed: 5 });
    const e = await run(['intel', 'link-eval', '--incidents', generated, '--k', '10,50', '--folds', '3']);
    expect(e.code).toBe(0);
    const json = lastJson(e.out);
    expect(Object.keys(json).slice(0, 4)).toEqual([
      'pairs_auc',
      'recall_at_10',
      'recall_at_50',
      'tpr_at_fpr_5',
    ]);
    expect(json.pairs_auc).toBeGreaterThan(0.9);
  });

  it('ranks candidates for one incident with reasons', async () => {
    const r = await run(['intel', 'link', '--incidents', generated, '--id', 'G000010', '--k', '5']);
    expect(r.code).toBe(0);
    const json = lastJson(r.out) as { candidates: { id: string; zh: string }[] };
    expect(json.candidates).toHaveLength(5);
    expect(json.candidates.map((c) => c.id)).not.toContain('G000010');
    const missing = await run(['intel', 'link', '--incidents', generated, '--id', 'nope']);
    expect(missing.code).toBe(2);
    expect(missing.err.join('\n')).toContain('no incident with id "nope"');
  });

  it('runs the Knox test with a seeded PRNG, reproducibly', async () => {
    const args = ['intel', 'knox', '--incidents', generated, '--space-bands', '0,1,100,200,300'];
    const more = ['--time-bands', '0,7,14,21', '--metric', 'euclidean', '--iterations', '19', '--seed', '3'];
    const a = await run([...args, ...more]);
    const b = await run([...args, ...more]);
    expect(a.code).toBe(0);
    const json = lastJson(a.out) as { observed: number[][]; p: number[][] };
    expect(json.observed).toHaveLength(4);
    expect(json.observed[0]).toHaveLength(3);
    expect(json.p.flat().every((p) => p > 0 && p <= 1)).toBe(true);
    expect(a.out.at(-1)).toBe(b.out.at(-1));
  });

  it('explains bad input: bad band list, missing file, bad header, unknown sub-command', async () => {
    const bands = await run([
      'intel',
      'knox',
      '--incidents',
      generated,
      '--space-bands',
      '0,100,50',
      '--time-bands',
      '0,7',
    ]);
    expect(bands.code).toBe(2);
    expect(bands.err.join('\n')).toContain('--space-bands must increase');
    const word = await run([
      'intel',
      'knox',
      '--incidents',
      generated,
      '--space-bands',
      '0,a',
      '--time-bands',
      '0,7',
    ]);
    expect(word.err.join('\n')).toContain('--space-bands: "a" is not a number');
    const missing = await run(['intel', 'link-eval', '--incidents', join(dir, 'nope.csv')]);
    expect(missing.code).toBe(1);
    expect(missing.err.join('\n')).toContain('file not found');
    const badHeader = join(dir, 'bad.csv');
    writeFileSync(badHeader, 'id,when,x,y\n1,2,3,4\n');
    const header = await run(['intel', 'link-eval', '--incidents', badHeader]);
    expect(header.code).toBe(1);
    expect(header.err.join('\n')).toMatch(/header lacks column\(s\) occurred_from/);
    const unknown = await run(['intel', 'frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err.join('\n')).toContain('unknown sub-command "frobnicate"');
    const metric = await run([
      'intel',
      'knox',
      '--incidents',
      generated,
      '--space-bands',
      '0,1',
      '--time-bands',
      '0,7',
      '--metric',
      'miles',
    ]);
    expect(metric.err.join('\n')).toContain('--metric');
  });

  it('scores hotspot forecasts on the Portland fixture', async () => {
    const portland = sharedFixture('crime/portland-burglary.csv');
    if (!portland) return;
    const common = ['intel', 'hotspots', '--incidents', portland, '--format', 'portland'];
    const period = [
      '--train-from',
      '2016-05-01',
      '--train-to',
      '2017-05-01',
      '--test-from',
      '2017-05-01',
      '--test-to',
      '2017-06-01',
    ];
    const kde = await run([
      ...common,
      ...period,
      '--cell-m',
      '150',
      '--area-share',
      '0.01',
      '--method',
      'kde',
    ]);
    expect(kde.code).toBe(0);
    const k = lastJson(kde.out);
    expect(k.N).toBe(93);
    expect(k.a).toBe(Math.round(0.01 * (k.A as number)));
    expect(k.pai).toBeCloseTo((k.n as number) / (k.N as number) / ((k.a as number) / (k.A as number)), 9);
    expect(k.pai).toBeGreaterThan(1);
    const gi = await run([...common, ...period, '--method', 'gistar']);
    expect(lastJson(gi.out).method).toBe('gistar');
    const wrongFormat = await run(['intel', 'hotspots', '--incidents', portland, ...period]);
    expect(wrongFormat.code).toBe(1);
    expect(wrongFormat.err.join('\n')).toContain('header lacks column');
    const order = await run([
      ...common,
      '--train-from',
      '2017-05-01',
      '--train-to',
      '2016-05-01',
      '--test-from',
      '2017-05-01',
      '--test-to',
      '2017-06-01',
    ]);
    expect(order.code).toBe(2);
  });
});

describe('ronghui intel heat and trend', () => {
  it('prints aoristic heat tables and per-area trends with the test named', async () => {
    const heat = await run(['intel', 'heat', '--incidents', generated, '--by', 'premise']);
    expect(heat.code).toBe(0);
    const tables = (lastJson(heat.out) as { tables: { total: number; cells: number[][] }[] }).tables;
    const total = tables.reduce((s, t) => s + t.total, 0);
    const weight = tables.reduce((s, t) => s + t.cells.flat().reduce((a, b) => a + b, 0), 0);
    expect(weight).toBeCloseTo(total, 1);
    const trend = await run([
      'intel',
      'trend',
      '--incidents',
      generated,
      '--end',
      '2025-12-01',
      '--test',
      'poisson-exact',
    ]);
    expect(trend.code).toBe(0);
    expect(lastJson(trend.out).test).toBe('poisson-exact');
    const bad = await run(['intel', 'trend', '--incidents', generated, '--end', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.err.join('\n')).toContain('--end: "soon"');
  });
});
