import type { CrimeRecord, IntelReportSection } from '@ronghui/contracts';
import { shanghaiDate, shanghaiTime } from './report-model.ts';

export interface ReportInputs {
  scopeName: string;
  from: Date;
  to: Date;
  records: CrimeRecord[];
  series: {
    id: string;
    name: string;
    members: CrimeRecord[];
    explanation: string;
    stations: string[];
  } | null;
  /** [weekday][hour] aoristic weights of the crimes the time pattern is read from. */
  heat: number[][];
  heatOf: 'series' | 'all';
  trend: {
    testName: string;
    windowDays: number;
    baseline: number;
    up: { name: string; recent: number; mean: number; p: number }[];
  };
  hotspots: {
    method: string;
    cellM: number;
    flaggedCells: number;
    areaSharePct: number;
    villages: string[];
    pai: number | null;
    pei: number | null;
    n: number;
    N: number;
    forecastFrom: string;
    forecastTo: string;
  };
}

const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const pct = (n: number, d: number) => (d > 0 ? `${((100 * n) / d).toFixed(0)}%` : '0%');
const hh = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;

function tally(values: string[]): [string, number][] {
  const m = new Map<string, number>();
  for (const v of values) if (v) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1]);
}

const listTally = (items: [string, number][], total: number, top = 3) =>
  items
    .slice(0, top)
    .map(([k, n]) => `${k}${n}起（${pct(n, total)}）`)
    .join('、') || '无';

/** The 3-hour window of the day with the most weight, and the two busiest weekdays. */
export function peakTimes(heat: number[][]): { fromHour: number; share: number; days: string[] } {
  const byHour = Array.from({ length: 24 }, (_, h) => heat.reduce((s, row) => s + (row[h] ?? 0), 0));
  const total = byHour.reduce((a, b) => a + b, 0);
  let best = 0;
  let bestSum = -1;
  for (let h = 0; h < 24; h++) {
    const sum = (byHour[h] ?? 0) + (byHour[(h + 1) % 24] ?? 0) + (byHour[(h + 2) % 24] ?? 0);
    if (sum > bestSum) {
      bestSum = sum;
      best = h;
    }
  }
  const days = heat
    .map((row, d) => [d, row.reduce((a, b) => a + b, 0)] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 2)
    .map(([d]) => WEEKDAYS[d] as string);
  return { fromHour: best, share: total > 0 ? bestSum / total : 0, days };
}

/** The report's text, section by section; the analyst edits it afterwards. */
export function reportSections(i: ReportInputs): IntelReportSection[] {
  const period = `${shanghaiDate(i.from)}至${shanghaiDate(i.to)}`;
  const n = i.records.length;
  const cats = tally(i.records.map((r) => r.categoryName));
  const up = i.trend.up.length
    ? `${i.trend.up
        .slice(0, 3)
        .map((a) => `${a.name}（近期${a.recent}起，基线均值${a.mean.toFixed(1)}起，p=${a.p.toPrecision(2)}）`)
        .join('、')}发案显著上升`
    : '各辖区均未见统计上显著的上升';
  const summary = `${period}，${i.scopeName}共有刑事案件记录${n}起，其中${listTally(cats, n, 4)}。按${i.trend.testName}（近${i.trend.windowDays}天对比此前${i.trend.baseline}个同长周期，α=0.05）检验，${up}。`;

  const s = i.series && {
    ...i.series,
    members: [...i.series.members].sort((a, b) => a.occurredFrom.localeCompare(b.occurredFrom)),
  };
  const subject = s?.members.length ? s.members : i.records;
  const subjectName = s ? `「${s.name}」` : '全部案件';
  const seriesText = s
    ? `经串并分析（Series Finder 相似度模型，权重由已破系列和研判员反馈学习），「${s.name}」（编号${s.id}）共串并案件${s.members.length}起，时间跨度${shanghaiTime(
        s.members[0]?.occurredFrom ?? i.from,
      )}至${shanghaiTime(s.members[s.members.length - 1]?.occurredTo ?? i.to)}，主要发生在${s.stations.join('、') || '—'}辖区。共同特征：${s.explanation || '—'}。\n涉案记录：${s.members.map((m) => m.id).join('、')}。`
    : '本期未指定系列案件。可在研判工作台选定种子案件，生成系列后再生成报告。';
  const mo = `${subjectName}（${subject.length}起）作案手法：选择处所以${listTally(
    tally(subject.map((r) => r.premiseName)),
    subject.length,
  )}为主；作案手段为${listTally(tally(subject.map((r) => r.methodName)), subject.length)}；作案特点有${listTally(
    tally(subject.flatMap((r) => r.featureNames)),
    subject.length,
    4,
  )}。`;
  const peak = peakTimes(i.heat);
  const peakSpan = `${hh(peak.fromHour)}–${hh(peak.fromHour + 3)}`;
  const time = `按案发时间窗口的时段分摊（aoristic）统计，${i.heatOf === 'series' ? subjectName : '全部案件'}发案集中在${peakSpan}（占${(
    peak.share * 100
  ).toFixed(0)}%），以${peak.days.join('、')}居多。`;
  const h = i.hotspots;
  const score =
    h.pai === null
      ? '预测期内尚无案件，暂不能评价预测效果'
      : `预测期（${h.forecastFrom}至${h.forecastTo}）内热点网格覆盖${h.n}/${h.N}起，PAI=${h.pai.toFixed(2)}，PEI=${(h.pei ?? 0).toFixed(2)}`;
  const place = `以${h.cellM}米网格、${h.method === 'kde' ? '核密度估计（四次核）' : 'Getis-Ord Gi*'}方法分析，划定热点网格${h.flaggedCells}个（占研究区${h.areaSharePct.toFixed(1)}%），主要位于${h.villages.join('、') || '—'}一带。${score}。`;
  const series = s ? `针对${subjectName}` : '针对高发案件';
  const recommendations = [
    `巡逻时段：${peakSpan}为重点时段，${peak.days.join('、')}加密巡逻频次，安排夜巡力量提前30分钟到位。`,
    `巡逻地点：${h.villages.slice(0, 5).join('、') || '热点网格'}，沿背街小巷、自建房密集片区设置巡逻必到点，网格员同步开展夜间巡防。`,
    `${series}：调取案发时段周边视频，比对戴口罩、骑电动车等可疑人员轨迹；对已串并案件并案侦查。`,
    '防范宣传：对热点片区自建房住户开展入户提醒，督促加装防盗窗、照明与可视门铃，检查监控盲区。',
  ]
    .map((t, k) => `${k + 1}. ${t}`)
    .join('\n');
  return [
    { key: 'summary', title: '一、总体情况', text: summary },
    { key: 'series', title: '二、系列案件研判', text: seriesText },
    { key: 'mo', title: '三、作案手法', text: mo },
    { key: 'time', title: '四、时间规律', text: time },
    { key: 'place', title: '五、空间分布与热点', text: place },
    { key: 'recommendations', title: '六、防控建议', text: recommendations },
  ];
}
