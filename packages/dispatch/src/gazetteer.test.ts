import type { LngLat } from '@ronghui/geo';
import { describe, expect, it } from 'vitest';
import {
  buildGazetteer,
  type GazetteerEntry,
  nearestEntry,
  resolveAddress,
  suggestAddresses,
} from './gazetteer.ts';

const p = (lon: number, lat: number) => [lon, lat] as LngLat;
const entries: GazetteerEntry[] = [
  { kind: 'township', code: 'T1', name: '杨梅乡', townshipCode: 'T1', position: p(118.02, 25.7) },
  { kind: 'township', code: 'T2', name: '浔中镇', townshipCode: 'T2', position: p(118.245, 25.5) },
  { kind: 'township', code: 'T3', name: '上涌镇', townshipCode: 'T3', position: p(118.1, 25.78) },
  { kind: 'village', code: 'V1', name: '杨梅村委会', townshipCode: 'T1', position: p(118.03, 25.71) },
  { kind: 'village', code: 'V2', name: '凤凰社区', townshipCode: 'T2', position: p(118.25, 25.5) },
  { kind: 'village', code: 'V3', name: '东山村委会', townshipCode: 'T1', position: p(118.01, 25.69) },
  { kind: 'village', code: 'V4', name: '东山村委会', townshipCode: 'T3', position: p(118.11, 25.79) },
  { kind: 'village', code: 'V5', name: '曾坂村委会', townshipCode: 'T3', position: p(118.12, 25.77) },
  {
    kind: 'place',
    code: 'P1',
    name: '曾坂古村落',
    aliases: ['曾坂古村'],
    townshipCode: 'T3',
    villageCode: 'V5',
    position: p(118.121, 25.771),
  },
  {
    kind: 'place',
    code: 'P2',
    name: '德化县医院',
    aliases: ['县医院'],
    townshipCode: 'T2',
    position: p(118.24, 25.49),
  },
];
const g = buildGazetteer(entries);

describe('resolveAddress', () => {
  it('takes 杨梅乡 as the township, not the village 杨梅村 inside its name', () => {
    const m = resolveAddress('德化县杨梅乡', g)!;
    expect(m.best).toMatchObject({ kind: 'township', code: 'T1', villageCode: null });
    expect(m.confidence).toBe(0.5);
    expect(m.candidates).toEqual([]);
  });

  it('prefers the most specific level and is surer when the township agrees', () => {
    const both = resolveAddress('杨梅乡杨梅村', g)!;
    expect(both.best).toMatchObject({ kind: 'village', code: 'V1', townshipCode: 'T1' });
    const alone = resolveAddress('杨梅村', g)!;
    expect(alone.best.code).toBe('V1');
    expect(both.confidence).toBeGreaterThan(alone.confidence);
    const place = resolveAddress('上涌镇曾坂古村落门口', g)!;
    expect(place.best).toMatchObject({ kind: 'place', code: 'P1', villageCode: 'V5' });
    expect(place.confidence).toBeGreaterThan(0.95);
    expect(resolveAddress('县医院急诊楼', g)!.best.code).toBe('P2');
  });

  it('lists candidates when a name is ambiguous, and lets the township decide', () => {
    const m = resolveAddress('东山村', g)!;
    expect(m.candidates.map((c) => c.code)).toEqual(['V3', 'V4']);
    expect(m.confidence).toBeLessThanOrEqual(0.25);
    const decided = resolveAddress('上涌镇东山村', g)!;
    expect(decided.best.code).toBe('V4');
    expect(decided.candidates).toEqual([]);
  });

  it('keeps road and house number as text', () => {
    const m = resolveAddress('浔中镇凤凰社区 城东大道12号', g)!;
    expect(m.best.code).toBe('V2');
    expect(m.road).toBe('城东大道');
    expect(m.houseNumber).toBe('12号');
    const gate = resolveAddress('县医院门口城东路8号', g)!;
    expect(gate.best.code).toBe('P2');
    expect([gate.road, gate.houseNumber]).toEqual(['城东路', '8号']);
  });

  it('answers null when nothing is known', () => {
    expect(resolveAddress('北京市朝阳区', g)).toBeNull();
  });
});

describe('nearestEntry', () => {
  it('finds the nearest village of a point', () => {
    const n = nearestEntry(p(118.119, 25.772), entries, (e) => e.kind === 'village')!;
    expect(n.entry.code).toBe('V5');
    expect(n.distanceM).toBeGreaterThan(0);
    expect(n.distanceM).toBeLessThan(300);
  });
});

describe('suggestAddresses', () => {
  const texts = (typed: string) => suggestAddresses(typed, g).map((s) => s.text);

  it('offers the township before the villages and places whose names start with what was typed', () => {
    expect(texts('杨')).toEqual(['杨梅乡', '杨梅乡杨梅村委会']);
    expect(suggestAddresses('杨', g)[1]!.candidate).toMatchObject({ kind: 'village', code: 'V1' });
  });

  it('narrows to the township already typed', () => {
    expect(texts('杨梅乡东')).toEqual(['杨梅乡东山村委会']);
    expect(suggestAddresses('上涌镇东', g)[0]!.candidate.code).toBe('V4');
  });

  it('lists what lies in a township typed in full, places first', () => {
    expect(texts('上涌镇')).toEqual(['上涌镇', '上涌镇曾坂古村落', '上涌镇东山村委会', '上涌镇曾坂村委会']);
  });

  it('keeps words it does not know and matches aliases, prefix matches first', () => {
    expect(texts('德化县曾坂')).toEqual(['德化县曾坂古村落', '德化县曾坂村委会']);
    expect(texts('县医')).toEqual(['浔中镇德化县医院']);
    expect(texts('医院')).toEqual(['浔中镇德化县医院']);
  });

  it('offers nothing for nothing, and every suggestion resolves back to its entry', () => {
    expect(texts('  ')).toEqual([]);
    expect(texts('北京')).toEqual([]);
    for (const typed of ['杨', '上涌镇', '德化县曾坂', '凤']) {
      for (const s of suggestAddresses(typed, g)) {
        const m = resolveAddress(s.text, g)!;
        expect(
          m.best.code === s.candidate.code || m.candidates.some((c) => c.code === s.candidate.code),
        ).toBe(true);
      }
    }
  });
});
