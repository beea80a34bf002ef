import type { DisputeAgreement, DisputeMediator } from '@ronghui/contracts';
import { chinaDate } from '@ronghui/geo';

const escapeHtml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

export const KIND_ZH: Record<string, string> = {
  homestead: '宅基地纠纷',
  neighbours: '邻里纠纷',
  family: '婚姻家庭纠纷',
  labour: '劳资纠纷',
  debt: '债务纠纷',
  'land-forest': '山林土地纠纷',
  contract: '合同纠纷',
  'traffic-damage': '交通损害赔偿纠纷',
  other: '其他纠纷',
};
const ROLE_ZH: Record<string, string> = {
  'grid-worker': '网格员',
  'village-cadre': '村（居）干部',
  officer: '民警',
  mediator: '人民调解员',
  other: '调解人员',
};

export interface AgreementDocument {
  number: string;
  kind: string;
  place: string;
  /** Full names (the signed document names the parties); ID numbers masked. */
  parties: { name: string; idNumber: string | null }[];
  mediators: DisputeMediator[];
  agreement: DisputeAgreement;
}

/** 人民调解协议书: parties, facts, responsibilities, obligations, how and when carried out, mediators, date. */
export function agreementHtml(doc: AgreementDocument): string {
  const e = escapeHtml;
  const dateZh = (iso: string) => {
    const [y, m, d] = iso.split('-');
    return `${y}年${Number(m)}月${Number(d)}日`;
  };
  const signed = dateZh(chinaDate(new Date(doc.agreement.signedAt)));
  const parties = doc.parties
    .map(
      (p, i) =>
        `<p class="party">当事人${'甲乙丙丁戊己庚辛壬癸'[i] ?? String(i + 1)}：<b>${e(p.name)}</b>${
          p.idNumber ? `　身份证号：${e(p.idNumber)}` : ''
        }</p>`,
    )
    .join('');
  const section = (title: string, body: string) =>
    `<h2>${title}</h2><p>${e(body).replace(/\n/g, '<br>')}</p>`;
  const performBy = doc.agreement.performBy ? `（履行期限：${dateZh(doc.agreement.performBy)}前）` : '';
  const mediators = doc.mediators.map((m) => `${e(ROLE_ZH[m.role] ?? '调解人员')} ${e(m.name)}`).join('　');
  const signatures = doc.parties
    .map((p) => `<span class="sign">当事人：${e(p.name)}（签名）</span>`)
    .join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>人民调解协议书 ${e(doc.number)}</title>
<style>
@page { size: A4; margin: 20mm 18mm; }
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; color: #1f1f1f; font-size: 12pt; line-height: 1.8; margin: 0 auto; max-width: 174mm; }
h1 { text-align: center; font-size: 22pt; letter-spacing: 6pt; margin: 0 0 4pt; }
.meta { text-align: center; color: #595959; font-size: 10pt; margin-bottom: 14pt; }
h2 { font-size: 13pt; margin: 12pt 0 2pt; }
p { margin: 2pt 0; text-indent: 0; }
.party { margin: 1pt 0; }
.signs { margin-top: 28pt; display: flex; flex-wrap: wrap; gap: 10pt 40pt; }
.sign { min-width: 60mm; }
.date { margin-top: 18pt; text-align: right; }
</style></head><body>
<h1>人民调解协议书</h1>
<p class="meta">编号：${e(doc.number)}　纠纷类型：${e(KIND_ZH[doc.kind] ?? '其他纠纷')}　调解地点：${e(doc.place)}</p>
${parties}
${section('一、纠纷主要事实、争议事项', doc.agreement.facts)}
${section('二、各方责任', doc.agreement.responsibilities)}
${section('三、经调解，自愿达成如下协议', doc.agreement.obligations)}
${section('四、履行方式、时限', `${doc.agreement.performance}${performBy}`)}
<p>本协议一式${doc.parties.length + 1}份，当事人各执一份，调解组织留存一份，自各方签名之日起生效。</p>
<h2>调解人员</h2><p>${mediators || '—'}</p>
<div class="signs">${signatures}<span class="sign">调解人员（签名）</span></div>
<p class="date">${signed}</p>
</body></html>`;
}
