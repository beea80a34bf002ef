const escapeHtml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

export const ACTIVITY_KIND_ZH: Record<string, string> = {
  patrol: '巡逻',
  mediation: '调解帮助',
  rescue: '救助助人',
  'arrest-assist': '协助抓获',
  'event-security': '活动安保',
};

export interface CertificateDocument {
  /** Full name (the certificate names its holder). */
  name: string;
  teamName: string;
  stationName: string;
  /** 2023 or 2023-06. */
  period: string;
  points: number;
  counts: Record<string, number>;
  hours: number;
  /** The China-time day it was issued. */
  issuedOn: string;
  number: string;
}

const periodZh = (p: string) =>
  p.length === 4 ? `${p}年度` : `${p.slice(0, 4)}年${Number(p.slice(5, 7))}月`;
const dateZh = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** 荣誉证书: a self-contained A4 landscape page (no outside requests), printed to PDF by Chromium. */
export function certificateHtml(c: CertificateDocument): string {
  const rows = Object.entries(ACTIVITY_KIND_ZH)
    .filter(([k]) => (c.counts[k] ?? 0) > 0)
    .map(([k, zh]) => `<td><b>${c.counts[k]}</b><span>${zh}</span></td>`)
    .join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>荣誉证书 ${escapeHtml(c.number)}</title>
<style>
@page { size: A4 landscape; margin: 0; }
body { margin: 0; font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif; color: #3a1f0f; }
.frame { box-sizing: border-box; width: 297mm; height: 210mm; padding: 14mm; background: #fff8e7; }
.inner { box-sizing: border-box; height: 100%; border: 3mm double #b8860b; padding: 12mm 20mm; position: relative; }
h1 { text-align: center; color: #b22222; font-size: 40pt; letter-spacing: 18pt; margin: 2mm 0 8mm; }
p.body { font-size: 17pt; line-height: 2; text-indent: 2em; margin: 0; }
.name { font-size: 22pt; font-weight: bold; border-bottom: 1px solid #3a1f0f; padding: 0 4mm; }
table { margin: 6mm auto 0; border-collapse: collapse; }
td { padding: 2mm 7mm; text-align: center; font-size: 12pt; }
td b { display: block; font-size: 20pt; color: #b22222; }
.sign { position: absolute; right: 24mm; bottom: 16mm; text-align: center; font-size: 15pt; line-height: 1.8; }
.no { position: absolute; left: 20mm; bottom: 16mm; font-size: 10pt; color: #7a5c3a; }
</style></head><body><div class="frame"><div class="inner">
<h1>荣誉证书</h1>
<p class="body"><span class="name">${escapeHtml(c.name)}</span>同志：</p>
<p class="body">您作为<b>${escapeHtml(c.teamName)}</b>队员，在${periodZh(c.period)}群防群治工作中积极参与、表现突出，累计获得<b>${c.points}</b>积分，参与活动${c.hours}小时。特发此证，以资鼓励。</p>
<table><tr>${rows || '<td><span>本期无已确认的活动记录</span></td>'}</tr></table>
<div class="sign">${escapeHtml(c.stationName)}<br>${dateZh(c.issuedOn)}</div>
<div class="no">证书编号 ${escapeHtml(c.number)}</div>
</div></div></body></html>`;
}
