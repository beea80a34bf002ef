import type { StatsSummary } from '@ronghui/contracts';
import { useMemo } from 'react';
import { statsApi, statsKeys } from '../../api/stats-api.ts';
import { useModuleQuery } from '../../app/use-module-query.ts';
import type { ChartOption } from '../../charts/echart.tsx';
import { EChart } from '../../charts/echart.tsx';
import { useT } from '../../i18n/i18n-context.tsx';
import { changeView, pct, SURVEY_RATES, screenToneColor } from '../stats/index.ts';
import { IndicatorTiles } from './bigscreen-indicators.tsx';
import { box, Panel, ScreenEmpty, screenLabel } from './bigscreen-ui.tsx';

const YOY_ORDER = ['theft', 'criminal', 'public-order'] as const;
const GROUPS = ['dispatch', 'grid', 'volunteer', 'service', 'outreach', 'cases'] as const;

/** One 比降 figure: the change large and coloured (a fall green), this year's and last year's counts. */
function YoyFigure({ row }: { row: StatsSummary['yoy'][number] | undefined; category: string }) {
  const t = useT();
  const v = changeView(row?.change ?? null);
  return (
    <>
      <div
        style={{
          fontSize: 52,
          fontWeight: 800,
          lineHeight: 1.1,
          color: v ? screenToneColor[v.tone] : '#9fc3f0',
        }}
        data-change={row?.change ?? ''}
      >
        {v ? `${v.arrow}${v.text}` : '—'}
      </div>
      <div style={{ fontSize: 18, color: '#e6f0ff' }}>
        <span data-testid="count">{row?.count ?? '—'}</span>
        <span style={{ ...screenLabel, marginLeft: 10 }}>
          {t('bigscreen.summary.lastYear', { n: row?.lastYear ?? '—' })}
        </span>
      </div>
    </>
  );
}

const surveyText = '#cfe3ff';

/** The county's three rates against the province's, as bars in percent. */
function surveyBars(
  survey: NonNullable<StatsSummary['survey']>,
  labels: Record<string, string>,
): ChartOption {
  const value = (r: number | null) => (r === null ? null : Number((r * 100).toFixed(2)));
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { color: surveyText, fontSize: 14 } },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: SURVEY_RATES.map((r) => labels[r]),
      axisLabel: { color: surveyText, fontSize: 15 },
    },
    yAxis: {
      type: 'value',
      min: (v: { min: number }) => Math.max(0, Math.floor(v.min - 5)),
      max: 100,
      axisLabel: { color: surveyText, formatter: '{value}%' },
      splitLine: { lineStyle: { color: 'rgba(120,160,220,0.15)' } },
    },
    series: [
      {
        type: 'bar',
        name: labels.county,
        data: SURVEY_RATES.map((r) => value(survey.county[r])),
        itemStyle: { color: '#36cfc9' },
        label: { show: true, position: 'top', color: surveyText, formatter: '{c}%' },
        barMaxWidth: 36,
      },
      {
        type: 'bar',
        name: labels.province,
        data: SURVEY_RATES.map((r) => value(survey.province[r])),
        itemStyle: { color: '#597ef7' },
        label: { show: true, position: 'top', color: surveyText, formatter: '{c}%' },
        barMaxWidth: 36,
      },
    ],
  };
}

/**
 * 领导驾驶舱: the year's 比降 of theft, criminal and public-order incidents, 传统盗抢骗 clearance, the key
 * indicators of every module and the latest 三率 survey (`GET /api/stats/summary`).
 */
export function SummaryBoard({ year }: { year: number }) {
  const t = useT();
  const summary = useModuleQuery({
    module: 'stats',
    queryKey: ['bigscreen', ...statsKeys.summary(year)],
    queryFn: () => statsApi.summary(year),
    refreshOn: 'incident.*',
  });
  const s = summary.data;
  const survey = s?.survey ?? null;
  const labels = useMemo(
    () => ({
      awareness: t('stats.survey.awareness'),
      participation: t('stats.survey.participation'),
      satisfaction: t('stats.survey.satisfaction'),
      county: t('stats.survey.county'),
      province: t('stats.survey.province'),
    }),
    [t],
  );
  const chart = useMemo(() => (survey ? surveyBars(survey, labels) : null), [survey, labels]);
  const card = { ...box, justifyContent: 'center', padding: '10px 18px' } as const;
  return (
    <main
      data-testid="bigscreen-summary"
      style={{ display: 'grid', gridTemplateRows: '210px 1fr', gap: 12, minHeight: 0 }}
    >
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)', gap: 12 }}>
        {YOY_ORDER.map((c) => (
          <div key={c} style={card} data-testid={`bs-summary-yoy-${c}`}>
            <div style={{ fontSize: 20, color: '#7fd1ff', fontWeight: 600 }}>
              {t('bigscreen.summary.yoy', { year })} · {t(`stats.category.${c}`)}
            </div>
            <YoyFigure row={s?.yoy.find((y) => y.category === c)} category={c} />
          </div>
        ))}
        <div style={card} data-testid="bs-summary-clearance">
          <div style={{ fontSize: 20, color: '#7fd1ff', fontWeight: 600 }}>
            {t('bigscreen.summary.clearance', { year })}
          </div>
          <div
            style={{ fontSize: 52, fontWeight: 800, lineHeight: 1.1, color: '#ffd666' }}
            data-testid="rate"
          >
            {s ? pct(s.clearance.rate) : '—'}
          </div>
          <div style={{ ...screenLabel, fontSize: 16 }}>
            {s
              ? t('bigscreen.summary.filedSolved', { filed: s.clearance.filed, solved: s.clearance.solved })
              : ''}
          </div>
        </div>
      </div>
      <div style={{ display: 'grid', gridTemplateColumns: '2.2fr 1fr', gap: 12, minHeight: 0 }}>
        <div
          style={{
            display: 'grid',
            gridTemplateColumns: 'repeat(3, 1fr)',
            gridTemplateRows: '1fr 1fr',
            gap: 12,
          }}
        >
          {GROUPS.map((g) => {
            const items = (s?.indicators ?? []).filter((i) => i.group === g);
            return (
              <Panel key={g} title={t(`stats.indicatorGroup.${g}`)} testId={`bs-summary-group-${g}`}>
                {items.length > 0 ? (
                  <IndicatorTiles items={items} columns={2} size={28} />
                ) : (
                  <ScreenEmpty text={t('bigscreen.empty')} />
                )}
              </Panel>
            );
          })}
        </div>
        <Panel
          title={survey ? t('bigscreen.summary.survey', { period: survey.period }) : t('stats.tab.survey')}
          testId="bs-summary-survey"
          extra={
            survey?.county.provinceRank ? (
              <span style={{ color: '#ffd666' }} data-testid="bs-summary-survey-rank">
                {t('bigscreen.summary.rank', { n: survey.county.provinceRank })}
              </span>
            ) : undefined
          }
        >
          {chart ? (
            <EChart option={chart} testId="bs-summary-survey-chart" />
          ) : (
            <ScreenEmpty text={t('bigscreen.summary.noSurvey')} />
          )}
        </Panel>
      </div>
    </main>
  );
}
