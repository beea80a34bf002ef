import type { CrimeRecord, IntelHotspotCell, IntelReportFigure } from '@ronghui/contracts';
import { shanghaiDate } from './report-model.ts';
import { renderMapSvg } from './report-map-svg.ts';

export interface FigureInputs {
  outline: unknown;
  hot: {
    cellMeters: number;
    features: IntelHotspotCell[];
    train: { recordIds: string[] };
    forecast: { areaShare: number };
    source: { query: Record<string, unknown> };
  };
  villages: string[];
  place: (lon: number, lat: number) => string;
  series: { id: string; name: string; memberIds: string[]; members: CrimeRecord[] } | null;
  heat: number[][];
  subjectIds: string[];
  scopeQuery: Record<string, unknown>;
}

/** The report's figures, each with the records and the query it was drawn from. */
export function reportFigures(i: FigureInputs): IntelReportFigure[] {
  const flagged = i.hot.features.filter((f) => f.properties.flagged);
  const svg = renderMapSvg({
    outline: i.outline,
    cells: flagged.map((f) => ({
      ring: f.geometry.coordinates[0] ?? [],
      value: f.properties.value,
      flagged: true,
    })),
    points: (i.series?.members ?? []).map((m) => ({ lon: m.lon, lat: m.lat, label: m.id })),
    labels: i.villages.slice(0, 4).flatMap((v) => {
      const f = flagged.find((c) => {
        const [lon, lat] = c.geometry.coordinates[0]?.[0] ?? [0, 0];
        return i.place(lon, lat) === v;
      });
      const [lon, lat] = f?.geometry.coordinates[0]?.[0] ?? [0, 0];
      return f ? [{ lon, lat, text: v }] : [];
    }),
  });
  const figures: IntelReportFigure[] = [
    {
      id: 'map',
      caption: `热点网格（核密度，${i.hot.cellMeters}米网格，前${(i.hot.forecast.areaShare * 100).toFixed(0)}%）与系列案件发案点`,
      svg,
      source: {
        recordIds: [...i.hot.train.recordIds, ...(i.series?.memberIds ?? [])],
        query: { api: '/api/intel/hotspots', ...i.hot.source.query, seriesId: i.series?.id ?? null },
      },
    },
    {
      id: 'heat',
      caption: `${i.series ? '系列案件' : '全部案件'}发案时段分布（周×时，每3小时合计）`,
      table: {
        head: [
          '',
          ...Array.from(
            { length: 8 },
            (_, k) => `${String(k * 3).padStart(2, '0')}–${String(k * 3 + 3).padStart(2, '0')}时`,
          ),
        ],
        rows: i.heat.map((row, d) => [
          ['周一', '周二', '周三', '周四', '周五', '周六', '周日'][d] as string,
          ...Array.from({ length: 8 }, (_, k) =>
            row
              .slice(k * 3, k * 3 + 3)
              .reduce((a, b) => a + b, 0)
              .toFixed(1),
          ),
        ]),
      },
      source: {
        recordIds: i.subjectIds,
        query: { api: '/api/intel/heat', ...i.scopeQuery, seriesId: i.series?.id ?? null },
      },
    },
  ];
  if (i.series)
    figures.push({
      id: 'series-table',
      caption: `系列「${i.series.name}」案件列表`,
      table: {
        head: ['编号', '发案时间', '处所', '手段', '特点'],
        rows: [...i.series.members]
          .sort((a, b) => a.occurredFrom.localeCompare(b.occurredFrom))
          .map((m) => [
            m.id,
            shanghaiDate(m.occurredFrom),
            m.premiseName,
            m.methodName,
            m.featureNames.join('、'),
          ]),
      },
      source: { recordIds: i.series.memberIds, query: { api: '/api/intel/series', seriesId: i.series.id } },
    });
  return figures;
}
