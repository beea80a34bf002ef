import { useQuery } from '@tanstack/react-query';
import { antiFraudApi } from '../../api/stats-api.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import { warningFigures } from './bigscreen-pages.ts';
import { ScreenEmpty, screenLabel } from './bigscreen-ui.tsx';

const RISK_COLOR = { high: '#ff4d4f', medium: '#ffc53d', low: '#40a9ff' } as const;
const STAGES = ['issued', 'signed', 'dissuaded', 'feedback'] as const;

/**
 * 反诈走访 on the big screen: the fraud warnings by risk and by stage, and how many are overdue
 * (`GET /api/anti-fraud/warnings`). Empty when there are none, the user may not read them, or the
 * deployment has no anti-fraud module.
 */
export function AntiFraudPanel() {
  const t = useT();
  const warnings = useQuery({
    queryKey: ['bigscreen', 'anti-fraud-warnings'],
    queryFn: antiFraudApi.warnings,
    refetchInterval: 60_000,
    retry: false,
  });
  if (!warnings.data || warnings.data.total === 0)
    return <ScreenEmpty text={t('bigscreen.antifraud.none')} testId="bigscreen-antifraud-none" />;
  const f = warningFigures(warnings.data);
  const big = { fontSize: 34, fontWeight: 700, lineHeight: 1.15 } as const;
  return (
    <div
      data-testid="bigscreen-antifraud"
      style={{
        display: 'grid',
        gridTemplateColumns: '1fr 2fr 2fr',
        gap: 16,
        height: '100%',
        alignItems: 'center',
      }}
    >
      <div style={{ textAlign: 'center' }}>
        <div style={screenLabel}>{t('bigscreen.antifraud.total')}</div>
        <div style={big} data-testid="bs-af-total">
          {f.total}
        </div>
        <div style={{ ...screenLabel, color: '#ff7875' }}>
          {t('bigscreen.antifraud.overdue')} <span data-testid="bs-af-overdue">{f.overdue}</span>
        </div>
      </div>
      <div>
        <div style={screenLabel}>{t('bigscreen.antifraud.byRisk')}</div>
        <div style={{ display: 'flex', gap: 18 }}>
          {(['high', 'medium', 'low'] as const).map((r) => (
            <div key={r}>
              <div style={{ ...big, color: RISK_COLOR[r] }} data-testid={`bs-af-${r}`}>
                {f.byRisk[r]}
              </div>
              <div style={screenLabel}>{t(`bigscreen.antifraud.risk.${r}`)}</div>
            </div>
          ))}
        </div>
      </div>
      <div>
        <div style={screenLabel}>{t('bigscreen.antifraud.byStatus')}</div>
        <div style={{ display: 'flex', gap: 18 }}>
          {STAGES.map((s) => (
            <div key={s}>
              <div style={{ ...big, fontSize: 28, color: s === 'dissuaded' ? '#95de64' : '#e6f0ff' }}>
                {f.byStatus[s]}
              </div>
              <div style={screenLabel}>{t(`bigscreen.antifraud.status.${s}`)}</div>
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
