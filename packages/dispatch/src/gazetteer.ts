import { haversine, type LngLat } from '@ronghui/geo';

/**
 * Chinese address resolution against a county gazetteer: townships (乡镇), villages and communities
 * (村/社区) and named places (隧道, 医院, 学校 …). Names are matched as substrings, longest first and
 * without overlap, so "杨梅乡" is the township and not the village 杨梅村 hiding inside it.
 */

export type GazetteerKind = 'township' | 'village' | 'place';

export interface GazetteerEntry {
  readonly kind: GazetteerKind;
  /** Division code, or the place id. */
  readonly code: string;
  readonly name: string;
  readonly aliases?: readonly string[];
  /** The township the entry lies in (its own code for a township). */
  readonly townshipCode: string;
  /** The village or community a place lies in, when known (its own code for a village). */
  readonly villageCode?: string | null;
  readonly position: LngLat;
}

export interface AddressCandidate {
  readonly kind: GazetteerKind;
  readonly code: string;
  readonly name: string;
  readonly townshipCode: string;
  readonly villageCode: string | null;
  readonly position: LngLat;
}

export interface AddressMatch {
  readonly best: AddressCandidate;
  /** 0..1: how sure the match is (a named place with its township ≈ 1, a township alone ≈ 0.5). */
  readonly confidence: number;
  /** Set when the address fits several entries equally well; `best` is the first of them. */
  readonly candidates: readonly AddressCandidate[];
  /** Road and house number, kept as text (e.g. 城东大道, 12号). */
  readonly road: string | null;
  readonly houseNumber: string | null;
}

interface Variant {
  readonly text: string;
  readonly entry: GazetteerEntry;
  /** A shortened form (杨梅 for 杨梅乡) is weaker evidence than the full name. */
  readonly short: boolean;
}

const VILLAGE_SUFFIXES = ['社区居委会', '村民委员会', '居民委员会', '村委会', '居委会', '社区', '村'];
const TOWNSHIP_SUFFIXES = ['街道', '镇', '乡'];

function stem(name: string, suffixes: readonly string[]): string | undefined {
  for (const s of suffixes)
    if (name.endsWith(s) && name.length - s.length >= 2) return name.slice(0, -s.length);
  return undefined;
}

/** The names an entry may appear under in an address. */
function variantsOf(entry: GazetteerEntry): Variant[] {
  const out: Variant[] = [entry.name, ...(entry.aliases ?? [])].map((text) => ({
    text,
    entry,
    short: false,
  }));
  if (entry.kind === 'village') {
    const base = stem(entry.name, VILLAGE_SUFFIXES);
    if (base) {
      const community = entry.name.includes('社区') || entry.name.includes('居委会');
      out.push({ text: base + (community ? '社区' : '村'), entry, short: false });
      out.push({ text: base, entry, short: true });
    }
  } else if (entry.kind === 'township') {
    const base = stem(entry.name, TOWNSHIP_SUFFIXES);
    if (base) out.push({ text: base, entry, short: true });
  }
  return out.filter((v, i) => v.text.length >= 2 && out.findIndex((w) => w.text === v.text) === i);
}

export interface Gazetteer {
  readonly entries: readonly GazetteerEntry[];
  readonly variants: readonly Variant[];
}

export function buildGazetteer(entries: readonly GazetteerEntry[]): Gazetteer {
  const variants = entries.flatMap(variantsOf).sort((a, b) => b.text.length - a.text.length);
  return { entries, variants };
}

interface Hit {
  readonly start: number;
  readonly end: number;
  readonly variants: Variant[];
}

/** Longest names first; a shorter name inside an already matched span does not count. */
function findHits(text: string, gazetteer: Gazetteer): Hit[] {
  const hits: Hit[] = [];
  for (const v of gazetteer.variants) {
    let from = 0;
    for (let at = text.indexOf(v.text, from); at >= 0; at = text.indexOf(v.text, from)) {
      from = at + 1;
      const end = at + v.text.length;
      const same = hits.find((h) => h.start === at && h.end === end);
      if (same) {
        if (!same.variants.some((w) => w.entry === v.entry)) same.variants.push(v);
        continue;
      }
      if (hits.some((h) => at < h.end && end > h.start)) continue;
      hits.push({ start: at, end, variants: [v] });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** Words around a road name that are not part of it (县医院门口城东路 → 城东路). */
const FILLER = /门口|附近|旁边|对面|前方|后方|一带|边上|靠近|往|的/g;
const ROAD = /([\u4e00-\u9fa5A-Za-z0-9]{1,12}?(?:大道|大街|路|街|巷|弄|线))(\d+(?:-\d+)?号)?/;

function candidateOf(e: GazetteerEntry): AddressCandidate {
  return {
    kind: e.kind,
    code: e.code,
    name: e.name,
    townshipCode: e.townshipCode,
    villageCode: e.kind === 'village' ? e.code : (e.villageCode ?? null),
    position: e.position,
  };
}

const BASE: Record<GazetteerKind, number> = { place: 0.9, village: 0.8, township: 0.5 };

export function resolveAddress(address: string, gazetteer: Gazetteer): AddressMatch | null {
  const text = address.replace(/\s+/g, '');
  const hits = findHits(text, gazetteer);
  let rest = text;
  for (const h of [...hits].reverse()) rest = rest.slice(0, h.start) + '|' + rest.slice(h.end);
  const road = rest
    .replace(FILLER, '|')
    .split('|')
    .map((part) => ROAD.exec(part))
    .find((m) => m !== null);
  const found = hits.flatMap((h) => h.variants);
  const townships = new Set(found.filter((v) => v.entry.kind === 'township').map((v) => v.entry.code));
  for (const kind of ['place', 'village', 'township'] as const) {
    let level = found.filter((v) => v.entry.kind === kind);
    if (level.length === 0) continue;
    const confirmed = kind !== 'township' && level.some((v) => townships.has(v.entry.townshipCode));
    if (confirmed) level = level.filter((v) => townships.has(v.entry.townshipCode));
    const entries = [...new Set(level.map((v) => v.entry))].sort((a, b) => a.code.localeCompare(b.code));
    const first = entries[0]!;
    const short = level.every((v) => v.short);
    let confidence = BASE[kind] + (confirmed ? 0.08 : 0) - (short ? 0.1 : 0);
    if (entries.length > 1) confidence = Math.min(confidence, 0.5) / entries.length;
    return {
      best: candidateOf(first),
      confidence: Math.round(Math.max(0.05, Math.min(1, confidence)) * 100) / 100,
      candidates: entries.length > 1 ? entries.map(candidateOf) : [],
      road: road?.[1] ?? null,
      houseNumber: road?.[2] ?? null,
    };
  }
  return null;
}

/** The entry of `kind` nearest to `point` (for a caller's coordinates: which village is this?). */
export function nearestEntry(
  point: LngLat,
  entries: readonly GazetteerEntry[],
  accept: (e: GazetteerEntry) => boolean = () => true,
): { entry: GazetteerEntry; distanceM: number } | undefined {
  let best: { entry: GazetteerEntry; distanceM: number } | undefined;
  for (const e of entries) {
    if (!accept(e)) continue;
    const d = haversine(point, e.position);
    if (!best || d < best.distanceM) best = { entry: e, distanceM: d };
  }
  return best;
}

export interface AddressSuggestion {
  /** The address to put in the field: the township first, then the entry (杨梅乡云路村). */
  readonly text: string;
  readonly candidate: AddressCandidate;
  /** Township name, for the second line of a suggestion. */
  readonly township: string | null;
}

const KIND_ORDER: Record<GazetteerKind, number> = { township: 0, place: 1, village: 2 };

/**
 * Autocomplete for the intake address field. What the dispatcher has typed so far is split into names the
 * gazetteer already knows (a township narrows the rest to itself) and the unfinished fragment after them;
 * entries whose name or alias starts with the fragment come before those that merely contain it.
 */
export function suggestAddresses(typed: string, gazetteer: Gazetteer, limit = 10): AddressSuggestion[] {
  const text = typed.replace(/\s+/g, '');
  if (!text) return [];
  const townships = new Map(
    gazetteer.entries.filter((e) => e.kind === 'township').map((e) => [e.code, e] as const),
  );
  const hits = findHits(text, gazetteer);
  // Names matched at the very end may still be unfinished (杨梅 → 杨梅乡, 杨梅村): treat them as the fragment.
  const last = hits.at(-1);
  const settled = last && last.end === text.length ? hits.slice(0, -1) : hits;
  const settledEnd = settled.at(-1)?.end ?? 0;
  const within = settled
    .flatMap((h) => h.variants)
    .filter((v) => v.entry.kind === 'township')
    .map((v) => v.entry.code);
  const inTownship = (e: GazetteerEntry) => within.length === 0 || within.includes(e.townshipCode);
  const match = (fragment: string) => {
    const scored: { entry: GazetteerEntry; score: number }[] = [];
    for (const entry of gazetteer.entries) {
      if (!inTownship(entry) || within.includes(entry.code)) continue;
      const names = [entry.name, ...(entry.aliases ?? [])];
      const score = !fragment
        ? 1
        : names.some((n) => n.startsWith(fragment))
          ? 3
          : names.some((n) => n.includes(fragment))
            ? 2
            : 0;
      if (score > 0) scored.push({ entry, score });
    }
    return scored;
  };
  // Words the gazetteer does not know (德化县, 福建省 …) are kept as typed: the fragment is the longest tail
  // that still matches something.
  let fragmentStart = settledEnd;
  let scored = match(text.slice(fragmentStart));
  while (scored.length === 0 && fragmentStart < text.length - 1) {
    fragmentStart++;
    scored = match(text.slice(fragmentStart));
  }
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      KIND_ORDER[a.entry.kind] - KIND_ORDER[b.entry.kind] ||
      a.entry.name.length - b.entry.name.length ||
      a.entry.code.localeCompare(b.entry.code),
  );
  const prefix = text.slice(0, fragmentStart);
  const out = scored.map(({ entry }) => {
    const township = townships.get(entry.townshipCode);
    const lead = prefix || (entry.kind !== 'township' && township ? township.name : '');
    return { text: lead + entry.name, candidate: candidateOf(entry), township: township?.name ?? null };
  });
  // A township typed in full: what lies in it comes next (places first).
  const exact = scored.find((x) => x.entry.kind === 'township' && x.entry.name === text.slice(fragmentStart));
  if (exact) {
    const inside = gazetteer.entries
      .filter((e) => e.townshipCode === exact.entry.code && e.kind !== 'township')
      .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.code.localeCompare(b.code));
    for (const e of inside)
      out.push({ text: text + e.name, candidate: candidateOf(e), township: exact.entry.name });
  }
  return out.slice(0, limit);
}
