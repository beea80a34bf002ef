import { XMLBuilder } from 'fast-xml-parser';
import type { TrafficCondition, TrafficLevel } from './types.ts';

/**
 * Open exports of road-weather hazards: CAP 1.2 alerts (and their Atom index feed) for public alerting
 * systems, and a DATEX II v2.3 SituationPublication for traffic information services. Everything is written
 * through fast-xml-parser's builder, so text and attributes are escaped.
 */

/** A hazard as the exports see it. */
export interface ExportHazard {
  id: string;
  sectionName: string;
  condition: TrafficCondition;
  level: TrafficLevel;
  startedAt: string;
  endedAt: string | null;
  updatedAt: string;
  /** The section's line, `[lon, lat]`. */
  line: [number, number][];
  /** 冰冻天气 … */
  label: string;
  /** 地面湿滑,保持车距 … */
  advice: string;
  speedLimitKmh: number | null;
  gapM: number | null;
  ntcipCode: number | null;
  /** `PoorEnvironmentConditions/fog`, `WeatherRelatedRoadConditions/ice` … */
  datexType: string;
  visibilityM?: number | null;
}

/** Who publishes. */
export interface ExportIssuer {
  /** `ronghui.350526` */
  senderId: string;
  /** 德化县公安局 */
  senderName: string;
  /** DATEX II country code, `cn` by default. */
  countryCode?: string;
  /** `350526` */
  nationalIdentifier: string;
  status?: 'Actual' | 'Exercise' | 'Test';
}

const CAP_NS = 'urn:oasis:names:tc:emergency:cap:1.2';
const ATOM_NS = 'http://www.w3.org/2005/Atom';
const DATEX_NS = 'http://datex2.eu/schema/2/2_0';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
/** China has one time zone and no daylight saving: every time is written at +08:00. */
const CHINA_OFFSET_MS = 8 * 3_600_000;
/** The CAP area is the section's line widened by this much. */
const BUFFER_M = 100;

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  suppressEmptyNode: true,
});

const declaration = { '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' } };

type XmlNode = Record<string, unknown>;

function toMs(iso: string): number {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new RangeError(`not a date-time: ${iso}`);
  return ms;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `2023-12-22T06:10:00+08:00`: CAP wants an offset and no fractional seconds. */
function chinaTime(iso: string): string {
  const d = new Date(toMs(iso) + CHINA_OFFSET_MS);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`
  );
}

/** `20231222T061000`, a version token for identifiers. */
const compactTime = (iso: string): string => chinaTime(iso).slice(0, 19).replace(/[-:]/g, '');

const CAP_SEVERITY: Record<TrafficLevel, string> = { yellow: 'Moderate', orange: 'Severe', red: 'Extreme' };
const DATEX_SEVERITY: Record<TrafficLevel, string> = { yellow: 'medium', orange: 'high', red: 'highest' };
const DATEX_DRIVING: Record<TrafficLevel, string> = {
  yellow: 'passableWithCare',
  orange: 'hazardous',
  red: 'veryHazardous',
};
const LEVEL_ZH: Record<TrafficLevel, string> = { yellow: '黄色', orange: '橙色', red: '红色' };
const CONDITION_EN: Record<TrafficCondition, string> = {
  fog: 'Fog',
  ice: 'Road icing',
  frost: 'Hoar frost on the road',
  slippery: 'Slippery road',
  wind: 'Strong wind',
  rain: 'Heavy rain',
};

/** The first alert of a hazard carries its start time as version, so a cancel can name it without history. */
function capIdentifier(h: ExportHazard, issuer: ExportIssuer, versionIso: string): string {
  return `${issuer.senderId}.${h.id}.${compactTime(versionIso)}`;
}

function limitsZh(h: ExportHazard): string {
  const parts: string[] = [];
  if (h.speedLimitKmh !== null) parts.push(`限速每小时${h.speedLimitKmh}公里`);
  if (h.gapM !== null) parts.push(`与同车道前车保持${h.gapM}米以上距离`);
  return parts.length ? `${parts.join('，')}。` : '';
}

function limitsEn(h: ExportHazard): string {
  const parts: string[] = [];
  if (h.speedLimitKmh !== null) parts.push(`Speed limit ${h.speedLimitKmh} km/h.`);
  if (h.gapM !== null) parts.push(`Keep at least ${h.gapM} m from the vehicle ahead.`);
  return parts.length ? parts.join(' ') : 'Drive with care.';
}

const visibilityOf = (h: ExportHazard): number | null =>
  typeof h.visibilityM === 'number' && Number.isFinite(h.visibilityM) ? Math.round(h.visibilityM) : null;

function descriptionZh(h: ExportHazard): string {
  const since = chinaTime(h.startedAt).slice(0, 16).replace('T', ' ');
  let text = `${h.sectionName}${h.label}（${LEVEL_ZH[h.level]}），自${since}起。`;
  const vis = visibilityOf(h);
  if (vis !== null) text += `能见度约${vis}米。`;
  if (h.endedAt) text += `已于${chinaTime(h.endedAt).slice(0, 16).replace('T', ' ')}解除。`;
  return text;
}

function descriptionEn(h: ExportHazard): string {
  const since = chinaTime(h.startedAt).slice(0, 16).replace('T', ' ');
  let text = `${CONDITION_EN[h.condition]} (${h.level}) on ${h.sectionName} since ${since} (UTC+8).`;
  const vis = visibilityOf(h);
  if (vis !== null) text += ` Visibility about ${vis} m.`;
  if (h.endedAt) text += ` Ended ${chinaTime(h.endedAt).slice(0, 16).replace('T', ' ')}.`;
  return text;
}

function capParameters(h: ExportHazard): XmlNode[] {
  const out: XmlNode[] = [{ valueName: 'level', value: h.level }];
  if (h.ntcipCode !== null) out.push({ valueName: 'NTCIP1204', value: h.ntcipCode });
  if (h.speedLimitKmh !== null) out.push({ valueName: 'speedLimitKmh', value: h.speedLimitKmh });
  if (h.gapM !== null) out.push({ valueName: 'gapM', value: h.gapM });
  const vis = visibilityOf(h);
  if (vis !== null) out.push({ valueName: 'visibilityM', value: vis });
  return out;
}

// ── Geometry ────────────────────────────────────────────────────────────────────────────────────────────

const M_PER_DEG = 111_320;

function cross(o: [number, number], a: [number, number], b: [number, number]): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

/** Andrew's monotone chain; counter-clockwise, not closed. */
function convexHull(points: [number, number][]): [number, number][] {
  const pts = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (pts.length < 3) return pts;
  const lower: [number, number][] = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0)
      lower.pop();
    lower.push(p);
  }
  const upper: [number, number][] = [];
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0)
      upper.pop();
    upper.push(p);
  }
  lower.pop();
  upper.pop();
  return lower.concat(upper);
}

/**
 * A closed ring around the line at least `BUFFER_M` from it: the convex hull of an octagon (circumscribing
 * the 100 m circle) around every vertex. Convex, so a winding road gets a wider area than a true buffer;
 * receivers only need "does this alert concern me", which the hull answers without false negatives.
 */
function bufferRing(line: [number, number][]): [number, number][] {
  if (line.length === 0) throw new RangeError('a hazard needs a line');
  const lat0 = line.reduce((s, p) => s + p[1], 0) / line.length;
  const r = BUFFER_M / Math.cos(Math.PI / 8);
  const dLat = r / M_PER_DEG;
  const dLon = r / (M_PER_DEG * Math.cos((lat0 * Math.PI) / 180));
  const around: [number, number][] = [];
  for (const [lon, lat] of line) {
    for (let k = 0; k < 8; k++) {
      const a = (k * Math.PI) / 4;
      around.push([lon + dLon * Math.cos(a), lat + dLat * Math.sin(a)]);
    }
  }
  const ring = convexHull(around).map(([lon, lat]): [number, number] => [round6(lon), round6(lat)]);
  ring.push(ring[0]!);
  return ring;
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** The point halfway along the line (by length). */
function midpoint(line: [number, number][]): [number, number] {
  if (line.length === 0) throw new RangeError('a hazard needs a line');
  const lat0 = line[0]![1];
  const kx = Math.cos((lat0 * Math.PI) / 180);
  const seg: number[] = [];
  let total = 0;
  for (let i = 1; i < line.length; i++) {
    const [x0, y0] = line[i - 1]!;
    const [x1, y1] = line[i]!;
    const d = Math.hypot((x1 - x0) * kx, y1 - y0);
    seg.push(d);
    total += d;
  }
  if (total === 0) return line[0]!;
  let left = total / 2;
  for (let i = 0; i < seg.length; i++) {
    const d = seg[i]!;
    if (left <= d && d > 0) {
      const t = left / d;
      const [x0, y0] = line[i]!;
      const [x1, y1] = line[i + 1]!;
      return [round6(x0 + (x1 - x0) * t), round6(y0 + (y1 - y0) * t)];
    }
    left -= d;
  }
  return line[line.length - 1]!;
}

// ── CAP 1.2 ─────────────────────────────────────────────────────────────────────────────────────────────

function capInfo(h: ExportHazard, issuer: ExportIssuer, lang: 'zh-CN' | 'en-US'): XmlNode {
  const zh = lang === 'zh-CN';
  const ended = h.endedAt !== null;
  const polygon = bufferRing(h.line)
    .map(([lon, lat]) => `${lat},${lon}`)
    .join(' ');
  const [datexKind, datexValue] = splitDatexType(h.datexType);
  return {
    language: lang,
    category: ['Transport', 'Met'],
    event: zh ? h.label : CONDITION_EN[h.condition],
    responseType: ended ? 'AllClear' : h.level === 'red' ? 'Avoid' : 'Prepare',
    // An ended hazard is history: CAP's `Past` tells receivers no action is needed any more.
    urgency: ended ? 'Past' : 'Immediate',
    severity: CAP_SEVERITY[h.level],
    certainty: 'Observed',
    eventCode: { valueName: 'DATEXII', value: `${datexKind}/${datexValue}` },
    onset: chinaTime(h.startedAt),
    ...(h.endedAt ? { expires: chinaTime(h.endedAt) } : {}),
    senderName: issuer.senderName,
    headline: zh
      ? `${h.sectionName}${h.label}`
      : `${h.sectionName}: ${CONDITION_EN[h.condition].toLowerCase()} (${h.level})`,
    description: zh ? descriptionZh(h) : descriptionEn(h),
    instruction: zh ? `${h.advice}。${limitsZh(h)}`.replace(/。。/g, '。') : limitsEn(h),
    parameter: capParameters(h),
    area: { areaDesc: h.sectionName, polygon },
  };
}

/**
 * One hazard as a CAP 1.2 alert: `Alert` while it lasts, `Cancel` once ended (referencing the hazard's first
 * alert). The identifier carries the hazard's update time, so each change is a new message.
 */
export function capAlert(h: ExportHazard, issuer: ExportIssuer, sentAt: string): string {
  const ended = h.endedAt !== null;
  const identifier = ended
    ? `${capIdentifier(h, issuer, h.endedAt ?? h.updatedAt)}.cancel`
    : capIdentifier(h, issuer, h.updatedAt);
  const alert: XmlNode = {
    '@_xmlns': CAP_NS,
    identifier,
    sender: issuer.senderId,
    sent: chinaTime(sentAt),
    status: issuer.status ?? 'Actual',
    msgType: ended ? 'Cancel' : 'Alert',
    scope: 'Public',
    ...(ended
      ? {
          references: `${issuer.senderId},${capIdentifier(h, issuer, h.startedAt)},${chinaTime(h.startedAt)}`,
        }
      : {}),
    info: [capInfo(h, issuer, 'zh-CN'), capInfo(h, issuer, 'en-US')],
  };
  return builder.build({ ...declaration, alert });
}

/** The Atom index of current alerts, one entry per hazard linking to its CAP document. */
export function capFeed(
  hazards: ExportHazard[],
  issuer: ExportIssuer,
  opts: { selfUrl: string; alertUrl(id: string): string; updatedAt: string },
): string {
  const feed: XmlNode = {
    '@_xmlns': ATOM_NS,
    id: opts.selfUrl,
    title: `${issuer.senderName} 道路气象预警 (CAP 1.2)`,
    updated: chinaTime(opts.updatedAt),
    author: { name: issuer.senderName },
    link: { '@_rel': 'self', '@_href': opts.selfUrl, '@_type': 'application/atom+xml' },
    entry: hazards.map((h) => ({
      id: opts.alertUrl(h.id),
      title: `${h.sectionName}${h.label}`,
      updated: chinaTime(h.updatedAt),
      published: chinaTime(h.startedAt),
      link: { '@_rel': 'alternate', '@_type': 'application/cap+xml', '@_href': opts.alertUrl(h.id) },
      category: { '@_term': h.level, '@_label': CAP_SEVERITY[h.level] },
      summary: `${h.advice}${h.endedAt ? '（已解除）' : ''}`,
    })),
  };
  return builder.build({ ...declaration, feed });
}

// ── DATEX II v2.3 ───────────────────────────────────────────────────────────────────────────────────────

const DATEX_RECORDS: Record<string, string> = {
  PoorEnvironmentConditions: 'poorEnvironmentType',
  WeatherRelatedRoadConditions: 'weatherRelatedRoadConditionType',
  NonWeatherRelatedRoadConditions: 'nonWeatherRelatedRoadConditionType',
};

/** `PoorEnvironmentConditions/fog` → the record type and its value; a bare type without a value is refused. */
function splitDatexType(datexType: string): [string, string] {
  const slash = datexType.indexOf('/');
  const kind = slash < 0 ? '' : datexType.slice(0, slash);
  const value = slash < 0 ? '' : datexType.slice(slash + 1);
  if (!DATEX_RECORDS[kind] || value === '') throw new RangeError(`unknown DATEX II type: ${datexType}`);
  return [kind, value];
}

function situation(h: ExportHazard, issuer: ExportIssuer): XmlNode {
  const [kind, value] = splitDatexType(h.datexType);
  const typeElement = DATEX_RECORDS[kind]!;
  const version = String(Math.floor(toMs(h.updatedAt) / 1000));
  const [lon, lat] = midpoint(h.line);
  const coords = { latitude: lat, longitude: lon };
  const zh = `${descriptionZh(h)}${h.advice}。${limitsZh(h)}`.replace(/。。/g, '。');
  const en = `${descriptionEn(h)} ${limitsEn(h)}`;
  return {
    '@_id': `${issuer.nationalIdentifier}_${h.id}`,
    '@_version': version,
    overallSeverity: DATEX_SEVERITY[h.level],
    situationVersionTime: chinaTime(h.updatedAt),
    headerInformation: { confidentiality: 'noRestriction', informationStatus: 'real' },
    situationRecord: {
      '@_xsi:type': kind,
      '@_id': `${issuer.nationalIdentifier}_${h.id}_1`,
      '@_version': version,
      situationRecordCreationTime: chinaTime(h.startedAt),
      situationRecordVersionTime: chinaTime(h.updatedAt),
      probabilityOfOccurrence: 'certain',
      severity: DATEX_SEVERITY[h.level],
      validity: {
        validityStatus: h.endedAt ? 'definedByValidityTimeSpec' : 'active',
        validityTimeSpecification: {
          overallStartTime: chinaTime(h.startedAt),
          ...(h.endedAt ? { overallEndTime: chinaTime(h.endedAt) } : {}),
        },
      },
      generalPublicComment: {
        comment: {
          values: {
            value: [
              { '@_lang': 'zh', '#text': zh },
              { '@_lang': 'en', '#text': en },
            ],
          },
        },
      },
      groupOfLocations: {
        '@_xsi:type': 'Point',
        locationForDisplay: coords,
        pointByCoordinates: { pointCoordinates: coords },
      },
      drivingConditionType: DATEX_DRIVING[h.level],
      [typeElement]: value,
    },
  };
}

/** The hazards as one DATEX II SituationPublication (one situation, one record each). */
export function datexSituationPublication(
  hazards: ExportHazard[],
  issuer: ExportIssuer,
  publicationTime: string,
): string {
  const country = issuer.countryCode ?? 'cn';
  const creator = { country, nationalIdentifier: issuer.nationalIdentifier };
  const model: XmlNode = {
    '@_xmlns': DATEX_NS,
    '@_xmlns:xsi': XSI_NS,
    '@_modelBaseVersion': '2',
    exchange: { supplierIdentification: creator },
    payloadPublication: {
      '@_xsi:type': 'SituationPublication',
      '@_lang': 'zh',
      publicationTime: chinaTime(publicationTime),
      publicationCreator: creator,
      situation: hazards.map((h) => situation(h, issuer)),
    },
  };
  return builder.build({ ...declaration, d2LogicalModel: model });
}
