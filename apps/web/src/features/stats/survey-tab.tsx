import { InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Modal, Row, Select, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import {
  type SurveyImportResult,
  type SurveyResult,
  type SurveyRates,
  type SurveyTownship,
  statsApi,
  statsKeys,
} from '../../api/stats-api.ts';
import { LoadError } from '../../app/load-error.tsx';
import { useT } from '../../i18n/i18n-context.tsx';
import { importProblems, pct, points, pointsText, SURVEY_RATES } from './stats-view.ts';

const pointsColor = (p: number | null) => (p === null || p === 0 ? undefined : p > 0 ? '#389e0d' : '#cf1322');

function Points({ now, before }: { now: number | null | undefined; before: number | null | undefined }) {
  const p = points(now, before);
  return <span style={{ color: pointsColor(p) }}>{pointsText(p)}</span>;
}

/** The county against the province and against last period, rate by rate. */
function Comparison({ survey, previous }: { survey: SurveyResult; previous: SurveyResult | undefined }) {
  const t = useT();
  const rows = SURVEY_RATES.map((rate) => ({
    rate,
    county: survey.county?.[rate] ?? null,
    province: survey.province?.[rate] ?? null,
    before: previous?.county?.[rate] ?? null,
  }));
  type Row = (typeof rows)[number];
  return (
    <Table<Row>
      rowKey="rate"
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid="survey-comparison"
      columns={[
        {
          title: t('stats.survey.rate'),
          dataIndex: 'rate',
          render: (r: keyof SurveyRates) => t(`stats.survey.${r}`),
        },
        { title: t('stats.survey.county'), dataIndex: 'county', render: (v: number | null) => pct(v) },
        { title: t('stats.survey.province'), dataIndex: 'province', render: (v: number | null) => pct(v) },
        {
          title: t('stats.survey.vsProvince'),
          render: (_: unknown, r: Row) => <Points now={r.county} before={r.province} />,
        },
        {
          title: survey.previous
            ? t('stats.survey.previousPeriod', { period: survey.previous })
            : t('stats.survey.previous'),
          dataIndex: 'before',
          render: (v: number | null) => pct(v),
        },
        {
          title: t('stats.survey.vsPrevious'),
          render: (_: unknown, r: Row) => <Points now={r.county} before={r.before} />,
        },
      ]}
    />
  );
}

/** 三率: a period's survey, the county against the province and last period, and its townships. */
export function SurveyTab() {
  const t = useT();
  const periods = useQuery({ queryKey: statsKeys.surveyPeriods, queryFn: statsApi.surveyPeriods });
  const [chosen, setChosen] = useState<string | null>(null);
  const list = [...(periods.data?.items ?? [])]
    .map((p) => p.period)
    .sort()
    .reverse();
  const period = chosen ?? list[0] ?? null;
  const survey = useQuery({
    queryKey: statsKeys.survey(period ?? ''),
    queryFn: () => statsApi.survey(period ?? ''),
    enabled: period !== null,
  });
  const prevPeriod = survey.data?.previous ?? null;
  const previous = useQuery({
    queryKey: statsKeys.survey(prevPeriod ?? ''),
    queryFn: () => statsApi.survey(prevPeriod ?? ''),
    enabled: prevPeriod !== null,
  });
  const [importing, setImporting] = useState(false);
  const s = survey.data;
  const rateColumn = (rate: keyof SurveyRates) => ({
    title: t(`stats.survey.${rate}`),
    render: (_: unknown, r: SurveyTownship) => (
      <span>
        {pct(r[rate])}{' '}
        <small>
          <Points now={r.change?.[rate] ?? null} before={r.change ? 0 : null} />
        </small>
      </span>
    ),
  });
  return (
    <div data-testid="stats-survey">
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('stats.survey.period')}</span>
        <Select
          value={period}
          style={{ width: 140 }}
          onChange={setChosen}
          options={list.map((p) => ({ value: p, label: p }))}
          placeholder={t('stats.survey.noPeriods')}
          data-testid="survey-period"
        />
        <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="survey-import">
          {t('stats.survey.import')}
        </Button>
      </Space>
      {periods.error ? (
        <LoadError error={periods.error} onRetry={() => void periods.refetch()} />
      ) : period === null ? (
        <Empty description={t('stats.survey.none')} />
      ) : survey.error ? (
        <LoadError error={survey.error} onRetry={() => void survey.refetch()} />
      ) : s ? (
        <Row gutter={[12, 12]}>
          <Col xs={24} xl={10}>
            <Card
              size="small"
              title={t('stats.survey.countyTitle', { period: s.period })}
              extra={
                s.county?.provinceRank ? (
                  <span data-testid="survey-rank">
                    {t('stats.survey.rank', { n: s.county.provinceRank })}
                  </span>
                ) : null
              }
            >
              <Comparison survey={s} previous={previous.data} />
              {s.county?.respondents ? (
                <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
                  {t('stats.survey.respondents', { n: s.county.respondents })}
                </Typography.Paragraph>
              ) : null}
            </Card>
          </Col>
          <Col xs={24} xl={14}>
            <Card size="small" title={t('stats.survey.townships')}>
              <Table<SurveyTownship>
                rowKey="code"
                size="small"
                pagination={false}
                dataSource={s.townships}
                scroll={{ y: 420 }}
                data-testid="survey-townships"
                columns={[
                  { title: t('stats.survey.township'), dataIndex: 'name' },
                  ...SURVEY_RATES.map(rateColumn),
                  { title: t('stats.survey.respondentsShort'), dataIndex: 'respondents', width: 90 },
                ]}
              />
            </Card>
          </Col>
        </Row>
      ) : null}
      <SurveyImportDialog open={importing} onClose={() => setImporting(false)} />
    </div>
  );
}

/** Uploads a CSV or XLSX of survey rows; the server takes all or none and names each bad line. */
function SurveyImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<{ file: string; result: SurveyImportResult } | null>(null);
  const upload = async (file: File) => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const r = await statsApi.importSurveys(file);
      setResult({ file: file.name, result: r });
      if (r.imported > 0) await queryClient.invalidateQueries({ queryKey: ['stats'] });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const problems = importProblems(result?.result ?? null, error);
  const reset = () => {
    setError(null);
    setResult(null);
    onClose();
  };
  return (
    <Modal open={open} title={t('stats.survey.import')} onCancel={reset} footer={null} destroyOnHidden>
      <div data-testid="survey-import-dialog">
        <Typography.Paragraph type="secondary">{t('stats.survey.importHelp')}</Typography.Paragraph>
        <Upload.Dragger
          accept=".xlsx,.csv,text/csv"
          showUploadList={false}
          disabled={busy}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>{t('stats.survey.importDrop')}</p>
        </Upload.Dragger>
        {result && problems.length === 0 && (
          <Alert
            style={{ marginTop: 12 }}
            type="success"
            showIcon
            title={t('stats.survey.imported', {
              file: result.file,
              rows: result.result.imported,
              periods: result.result.periods.join('、'),
            })}
            data-testid="survey-import-done"
          />
        )}
        {(error !== null || problems.length > 0) && (
          <Alert
            style={{ marginTop: 12 }}
            type="error"
            showIcon
            title={t('stats.survey.importFailed')}
            data-testid="survey-import-errors"
            description={
              <div>
                {error !== null && <div>{describeError(error, t)}</div>}
                <ul style={{ maxHeight: 240, overflow: 'auto', paddingLeft: 18, margin: '6px 0 0' }}>
                  {problems.slice(0, 50).map((p) => (
                    <li key={p.key}>
                      {p.line !== null && t('stats.survey.line', { n: p.line })}{' '}
                      {p.field && <code>{p.field}</code>} {p.message}
                    </li>
                  ))}
                </ul>
                {problems.length > 50 && (
                  <div>{t('stats.survey.moreProblems', { n: problems.length - 50 })}</div>
                )}
              </div>
            }
          />
        )}
      </div>
    </Modal>
  );
}
