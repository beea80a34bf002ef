import { describe, expect, it } from 'vitest';
import { main } from '../cli.ts';
import { commandLoaders } from './registry.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe('ronghui command line', () => {
  it('lists every command in --help', async () => {
    const c = capture();
    expect(await main(['--help'], c.io)).toBe(0);
    for (const name of Object.keys(commandLoaders)) expect(c.out.join('\n')).toContain(name);
  });

  it.each(Object.keys(commandLoaders))('"%s --help" prints its usage', async (name) => {
    const c = capture();
    expect(await main([name, '--help'], c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(new RegExp(`Usage: ronghui ${name}`));
  });

  it('names an unknown command and an unknown option', async () => {
    const unknown = capture();
    expect(await main(['launch'], unknown.io)).toBe(2);
    expect(unknown.err.join('\n')).toMatch(/unknown command "launch"/);
    const option = capture();
    expect(await main(['migrate', '--fast'], option.io)).toBe(2);
    expect(option.err.join('\n')).toMatch(/--fast/);
  });
});
