import type { IntelReport, IntelReportFigure } from '@ronghui/contracts';
import { shanghaiTime } from './report-model.ts';

const escapeHtml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

const MAX_LISTED_IDS = 60;

function sourceLine(f: IntelReportFigure): string {
  const ids = f.source.recordIds;
  const listed = ids.slice(0, MAX_LISTED_IDS).join('、');
  const more = ids.length > MAX_LISTED_IDS ? ` 等共 ${ids.length} 条` : `（共 ${ids.length} 条）`;
  return `<p class="source">数据来源：记录 ${escapeHtml(listed)}${more}；查询参数 <code>${escapeHtml(
    JSON.stringify(f.source.query),
  )}</code></p>`;
}

function figureHtml(f: IntelReportFigure, n: number): string {
  const body = f.svg
    ? `<div class="map">${f.svg}</div>`
    : f.table
      ? `<table><thead><tr>${f.table.head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${f.table.rows
          .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
          .join('')}</tbody></table>`
      : '';
  return `<figure id="fig-${escapeHtml(f.id)}">${body}<figcaption>图${n}　${escapeHtml(f.caption)}</figcaption>${sourceLine(f)}</figure>`;
}

const STYLE = `
@page { size: A4; margin: 18mm 16mm; }
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; color: #1f1f1f; font-size: 11pt; line-height: 1.7; margin: 0 auto; max-width: 180mm; }
h1 { text-align: center; font-size: 20pt; color: #a8071a; margin: 0 0 4pt; letter-spacing: 2pt; }
.meta { text-align: center; color: #595959; font-size: 9.5pt; border-bottom: 2px solid #a8071a; padding-bottom: 6pt; margin-bottom: 12pt; }
h2 { font-size: 13.5pt; margin: 14pt 0 4pt; }
p { margin: 0 0 6pt; text-indent: 2em; }
p.source { text-indent: 0; font-size: 8pt; color: #8c8c8c; word-break: break-all; }
figure { margin: 8pt 0 12pt; page-break-inside: avoid; }
figcaption { text-align: center; font-size: 9.5pt; color: #434343; margin-top: 3pt; }
.map svg { width: 100%; height: auto; border: 1px solid #d9d9d9; }
table { border-collapse: collapse; width: 100%; font-size: 8pt; }
th, td { border: 1px solid #bfbfbf; padding: 2pt 3pt; text-align: center; }
th { background: #fafafa; }
code { font-size: 7.5pt; }
.stamp { margin-top: 16pt; font-size: 9pt; color: #8c8c8c; text-align: right; }
`;

/** The printable report: one self-contained HTML page (inline CSS and SVG, no outside requests). */
export function renderReportHtml(report: IntelReport, tenantName: string, demo = false): string {
  let figureNo = 0;
  const figuresBySection = new Map<string, IntelReportFigure[]>();
  for (const f of report.figures) {
    const key = f.id === 'map' ? 'place' : f.id === 'heat' ? 'time' : 'series';
    figuresBySection.set(key, [...(figuresBySection.get(key) ?? []), f]);
  }
  const sections = report.sections
    .map((s) => {
      const paragraphs = s.text
        .split(/\n+/)
        .filter((p) => p.trim() !== '')
        .map((p) => `<p>${escapeHtml(p)}</p>`)
        .join('');
      const figures = (figuresBySection.get(s.key) ?? []).map((f) => figureHtml(f, ++figureNo)).join('');
      return `<section id="sec-${escapeHtml(s.key)}"><h2>${escapeHtml(s.title)}</h2>${paragraphs}${figures}</section>`;
    })
    .join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(report.title)}</title><style>${STYLE}</style></head>
<body>
<h1>${escapeHtml(report.title)}</h1>
<div class="meta">${escapeHtml(tenantName)}　编号 ${escapeHtml(report.id)}　生成 ${escapeHtml(
    shanghaiTime(report.createdAt),
  )}　修改 ${escapeHtml(shanghaiTime(report.updatedAt))}　编制 ${escapeHtml(report.createdBy)}</div>
${sections}
${demo ? '<div class="stamp">演示数据（合成），仅供系统演示。</div>' : ''}
</body></html>`;
}
