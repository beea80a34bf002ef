import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  capAlert,
  capFeed,
  datexSituationPublication,
  type ExportHazard,
  type ExportIssuer,
} from './exports.ts';

const issuer: ExportIssuer = {
  senderId: 'ronghui.350526',
  senderName: '德化县公安局',
  nationalIdentifier: '350526',
};

const LINE: [number, number][] = [
  [118.1002, 25.7191],
  [118.1031, 25.7215],
  [118.1064, 25.7222],
];

const ice: ExportHazard = {
  id: 'h-ice-1',
  sectionName: '九仙山隧道口 & <北> 段',
  condition: 'ice',
  level: 'orange',
  startedAt: '2023-12-21T22:38:00Z',
  endedAt: null,
  updatedAt: '2023-12-21T22:40:00.123Z',
  line: LINE,
  label: '冰冻天气',
  advice: '地面湿滑,保持车距',
  speedLimitKmh: 30,
  gapM: 100,
  ntcipCode: 7,
  datexType: 'WeatherRelatedRoadConditions/ice',
};

const fog: ExportHazard = {
  id: 'h-fog-2',
  sectionName: '戴云山路段',
  condition: 'fog',
  level: 'red',
  startedAt: '2024-01-05T20:10:00Z',
  endedAt: '2024-01-05T23:45:00Z',
  updatedAt: '2024-01-05T23:45:00Z',
  line: LINE,
  label: '团雾',
  advice: '能见度低,就近驶离',
  speedLimitKmh: 20,
  gapM: null,
  ntcipCode: 5,
  datexType: 'PoorEnvironmentConditions/patchyFog',
  visibilityM: 38,
};

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  isArray: (name, jpath) =>
    ['info', 'parameter', 'entry', 'situation', 'category', 'polygon'].includes(name) ||
    String(jpath).endsWith('values.value'),
});

/** The element and attribute names these tests read from a parsed document. */
type Name =
  | '#text'
  | 'feed'
  | '@_href'
  | '@_lang'
  | '@_modelBaseVersion'
  | '@_rel'
  | '@_type'
  | '@_xmlns'
  | '@_xmlns:xsi'
  | '@_xsi:type'
  | 'alert'
  | 'area'
  | 'areaDesc'
  | 'author'
  | 'category'
  | 'certainty'
  | 'comment'
  | 'country'
  | 'd2LogicalModel'
  | 'description'
  | 'entry'
  | 'event'
  | 'expires'
  | 'generalPublicComment'
  | 'groupOfLocations'
  | 'headline'
  | 'id'
  | 'identifier'
  | 'info'
  | 'instruction'
  | 'language'
  | 'latitude'
  | 'link'
  | 'longitude'
  | 'msgType'
  | 'name'
  | 'nationalIdentifier'
  | 'onset'
  | 'overallEndTime'
  | 'overallSeverity'
  | 'overallStartTime'
  | 'parameter'
  | 'payloadPublication'
  | 'pointByCoordinates'
  | 'pointCoordinates'
  | 'polygon'
  | 'poorEnvironmentType'
  | 'publicationCreator'
  | 'publicationTime'
  | 'references'
  | 'scope'
  | 'sender'
  | 'senderName'
  | 'sent'
  | 'severity'
  | 'situation'
  | 'situationRecord'
  | 'status'
  | 'title'
  | 'updated'
  | 'urgency'
  | 'validity'
  | 'validityStatus'
  | 'validityTimeSpecification'
  | 'value'
  | 'valueName'
  | 'values'
  | 'weatherRelatedRoadConditionType';
/** A parsed XML tree, navigated by name in assertions (a missing name reads as undefined at run time). */
type Tree = { readonly [K in Name]: Tree };
const text = (t: Tree): string => t as unknown as string;
const list = (t: Tree): Tree[] => t as unknown as Tree[];

function parse(xml: string): Tree {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml) as Tree;
}

const CAP_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/;

describe('capAlert', () => {
  it('writes a CAP 1.2 alert with the hazard in Chinese and English', () => {
    const xml = capAlert(ice, issuer, '2023-12-21T22:40:05.900Z');
    const { alert } = parse(xml);
    expect(alert['@_xmlns']).toBe('urn:oasis:names:tc:emergency:cap:1.2');
    expect(alert.identifier).toBe('ronghui.350526.h-ice-1.20231222T064000');
    expect(alert.sender).toBe('ronghui.350526');
    expect(alert.sent).toBe('2023-12-22T06:40:05+08:00');
    expect(alert.status).toBe('Actual');
    expect(alert.msgType).toBe('Alert');
    expect(alert.scope).toBe('Public');
    expect(alert.references).toBeUndefined();
    expect(alert.info).toHaveLength(2);
    const [zh, en] = list(alert.info) as [Tree, Tree];
    expect(zh.language).toBe('zh-CN');
    expect(en.language).toBe('en-US');
    expect(zh.category).toEqual(['Transport', 'Met']);
    expect(zh.event).toBe('冰冻天气');
    expect(zh.urgency).toBe('Immediate');
    expect(zh.severity).toBe('Severe');
    expect(zh.certainty).toBe('Observed');
    expect(zh.onset).toBe('2023-12-22T06:38:00+08:00');
    expect(zh.senderName).toBe('德化县公安局');
    // Escaped on the way out, intact on the way back.
    expect(zh.headline).toBe('九仙山隧道口 & <北> 段冰冻天气');
    expect(zh.instruction).toContain('地面湿滑,保持车距');
    expect(zh.instruction).toContain('限速每小时30公里');
    expect(zh.instruction).toContain('100米');
    expect(en.instruction).toContain('30 km/h');
    const params = Object.fromEntries(list(zh.parameter).map((p) => [text(p.valueName), text(p.value)]));
    expect(params).toMatchObject({ NTCIP1204: '7', speedLimitKmh: '30', gapM: '100', level: 'orange' });
    expect(zh.area.areaDesc).toBe('九仙山隧道口 & <北> 段');
    for (const t of [alert.sent, zh.onset]) expect(t).toMatch(CAP_TIME);
  });

  it('draws a closed polygon of lat,lon pairs at least 100 m around the line', () => {
    const { alert } = parse(capAlert(ice, issuer, '2023-12-21T22:40:00Z'));
    const polygon = text(list(list(alert.info)[0]!.area.polygon)[0]!);
    const ring = polygon.split(' ').map((pair) => pair.split(',').map(Number) as [number, number]);
    expect(ring.length).toBeGreaterThanOrEqual(4);
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    for (const [lat, lon] of ring) {
      expect(lat).toBeGreaterThan(25.7);
      expect(lat).toBeLessThan(25.74);
      expect(lon).toBeGreaterThan(118.09);
      expect(lon).toBeLessThan(118.12);
    }
    const lats = ring.map(([lat]) => lat);
    const lons = ring.map(([, lon]) => lon);
    const mPerLon = 111_320 * Math.cos((25.72 * Math.PI) / 180);
    // The envelope reaches ~100 m beyond the line's extremes on every side, and not far more.
    expect((Math.min(...LINE.map((p) => p[1])) - Math.min(...lats)) * 111_320).toBeGreaterThanOrEqual(99);
    expect((Math.max(...lats) - Math.max(...LINE.map((p) => p[1]))) * 111_320).toBeGreaterThanOrEqual(99);
    expect((Math.min(...LINE.map((p) => p[0])) - Math.min(...lons)) * mPerLon).toBeGreaterThanOrEqual(99);
    expect((Math.max(...lons) - Math.max(...LINE.map((p) => p[0]))) * mPerLon).toBeLessThan(130);
    // Every line vertex lies inside the ring (ray casting).
    for (const [lon, lat] of LINE) {
      let inside = false;
      for (let i = 0, j = ring.length - 2; i < ring.length - 1; j = i++) {
        const [yi, xi] = ring[i]!;
        const [yj, xj] = ring[j]!;
        if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
      }
      expect(inside).toBe(true);
    }
  });

  it('cancels an ended hazard, referencing its first alert', () => {
    const { alert } = parse(capAlert(fog, { ...issuer, status: 'Exercise' }, '2024-01-05T23:45:30Z'));
    expect(alert.msgType).toBe('Cancel');
    expect(alert.status).toBe('Exercise');
    expect(alert.references).toBe(
      'ronghui.350526,ronghui.350526.h-fog-2.20240106T041000,2024-01-06T04:10:00+08:00',
    );
    expect(alert.identifier).not.toBe('ronghui.350526.h-fog-2.20240106T041000');
    const zh = list(alert.info)[0]!;
    expect(zh.severity).toBe('Extreme');
    expect(zh.expires).toBe('2024-01-06T07:45:00+08:00');
    expect(zh.description).toContain('能见度约38米');
    expect(zh.description).toContain('解除');
  });

  it('maps every level to a CAP severity', () => {
    const sev = (level: ExportHazard['level']): string =>
      text(list(parse(capAlert({ ...ice, level }, issuer, ice.updatedAt)).alert.info)[0]!.severity);
    expect([sev('yellow'), sev('orange'), sev('red')]).toEqual(['Moderate', 'Severe', 'Extreme']);
  });

  it('refuses a hazard without a line or a time', () => {
    expect(() => capAlert({ ...ice, line: [] }, issuer, ice.updatedAt)).toThrow(RangeError);
    expect(() => capAlert(ice, issuer, 'yesterday')).toThrow(RangeError);
  });
});

describe('capFeed', () => {
  const opts = {
    selfUrl: 'https://ronghui.example/api/traffic/cap.atom',
    alertUrl: (id: string) => `https://ronghui.example/api/traffic/cap/${encodeURIComponent(id)}.xml?a=1&b=2`,
    updatedAt: '2024-01-05T23:46:00Z',
  };

  it('lists one entry per hazard linking to its alert', () => {
    const { feed } = parse(capFeed([ice, fog], issuer, opts));
    expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe(opts.selfUrl);
    expect(feed.updated).toBe('2024-01-06T07:46:00+08:00');
    expect(feed.link['@_rel']).toBe('self');
    expect(feed.author.name).toBe('德化县公安局');
    expect(feed.entry).toHaveLength(2);
    const [first, second] = list(feed.entry) as [Tree, Tree];
    expect(first.link['@_href']).toBe(opts.alertUrl('h-ice-1'));
    expect(first.link['@_type']).toBe('application/cap+xml');
    expect(first.title).toBe('九仙山隧道口 & <北> 段冰冻天气');
    expect(first.updated).toMatch(CAP_TIME);
    expect(second.id).toBe(opts.alertUrl('h-fog-2'));
  });

  it('is a valid empty feed with no hazards', () => {
    const { feed } = parse(capFeed([], issuer, opts));
    expect(feed.id).toBe(opts.selfUrl);
    expect(feed.title).toContain('德化县公安局');
    expect(feed.entry).toBeUndefined();
  });
});

describe('datexSituationPublication', () => {
  it('writes one situation per hazard with the record type split from the DATEX type', () => {
    const { d2LogicalModel: model } = parse(
      datexSituationPublication([ice, fog], issuer, '2024-01-05T23:46:00Z'),
    );
    expect(model['@_xmlns']).toBe('http://datex2.eu/schema/2/2_0');
    expect(model['@_xmlns:xsi']).toBe('http://www.w3.org/2001/XMLSchema-instance');
    expect(model['@_modelBaseVersion']).toBe('2');
    const pub = model.payloadPublication;
    expect(pub['@_xsi:type']).toBe('SituationPublication');
    expect(pub.publicationTime).toBe('2024-01-06T07:46:00+08:00');
    expect(pub.publicationCreator).toEqual({ country: 'cn', nationalIdentifier: '350526' });
    expect(pub.situation).toHaveLength(2);

    const [a, b] = list(pub.situation) as [Tree, Tree];
    expect(a.overallSeverity).toBe('high');
    const ra = a.situationRecord;
    expect(ra['@_xsi:type']).toBe('WeatherRelatedRoadConditions');
    expect(ra.weatherRelatedRoadConditionType).toBe('ice');
    expect(ra.poorEnvironmentType).toBeUndefined();
    expect(ra.severity).toBe('high');
    expect(ra.validity.validityStatus).toBe('active');
    expect(ra.validity.validityTimeSpecification.overallStartTime).toBe('2023-12-22T06:38:00+08:00');
    expect(ra.validity.validityTimeSpecification.overallEndTime).toBeUndefined();
    const zh = list(ra.generalPublicComment.comment.values.value).find((v) => text(v['@_lang']) === 'zh')!;
    expect(zh['#text']).toContain('九仙山隧道口 & <北> 段冰冻天气');
    expect(zh['#text']).toContain('地面湿滑,保持车距');
    const loc = ra.groupOfLocations;
    expect(loc['@_xsi:type']).toBe('Point');
    const lat = Number(loc.pointByCoordinates.pointCoordinates.latitude);
    const lon = Number(loc.pointByCoordinates.pointCoordinates.longitude);
    // The point halfway along the line, within the line's extent.
    expect(lat).toBeGreaterThan(25.7191);
    expect(lat).toBeLessThan(25.7222);
    expect(lon).toBeGreaterThan(118.1002);
    expect(lon).toBeLessThan(118.1064);

    const rb = b.situationRecord;
    expect(b.overallSeverity).toBe('highest');
    expect(rb['@_xsi:type']).toBe('PoorEnvironmentConditions');
    expect(rb.poorEnvironmentType).toBe('patchyFog');
    expect(rb.validity.validityTimeSpecification.overallEndTime).toBe('2024-01-06T07:45:00+08:00');
    expect(rb.validity.validityStatus).toBe('definedByValidityTimeSpec');
  });

  it('maps yellow to medium and uses the issuer country', () => {
    const xml = datexSituationPublication(
      [{ ...ice, level: 'yellow' }],
      { ...issuer, countryCode: 'other' },
      ice.updatedAt,
    );
    const pub = parse(xml).d2LogicalModel.payloadPublication;
    expect(list(pub.situation)[0]!.situationRecord.severity).toBe('medium');
    expect(pub.publicationCreator.country).toBe('other');
  });

  it('is a valid empty publication with no hazards', () => {
    const pub = parse(datexSituationPublication([], issuer, '2024-01-05T23:46:00Z')).d2LogicalModel
      .payloadPublication;
    expect(pub['@_xsi:type']).toBe('SituationPublication');
    expect(pub.publicationCreator.nationalIdentifier).toBe('350526');
    expect(pub.situation).toBeUndefined();
  });

  it('refuses a DATEX type without a record type and value', () => {
    expect(() => datexSituationPublication([{ ...ice, datexType: 'ice' }], issuer, ice.updatedAt)).toThrow(
      RangeError,
    );
  });
});
