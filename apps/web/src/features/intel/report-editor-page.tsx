import type { IntelReport } from '@ronghui/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Collapse, Flex, Input, Skeleton, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { describeError } from '../../api/describe-error.ts';
import { LoadError } from '../../app/load-error.tsx';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import { fetchReport, reportFileUrl, saveReport } from './intel-api.ts';

/** 研判报告 editor: every section's text is editable; export as printable HTML or PDF. */
export function ReportEditorPage() {
  const t = useT();
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const report = useQuery({ queryKey: ['intel', 'report', id], queryFn: () => fetchReport(id) });
  const [title, setTitle] = useState('');
  const [texts, setTexts] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!report.data) return;
    setTitle(report.data.title);
    setTexts(Object.fromEntries(report.data.sections.map((s) => [s.key, s.text])));
  }, [report.data]);
  const save = useMutation({
    mutationFn: () =>
      saveReport(id, { title, sections: Object.entries(texts).map(([key, text]) => ({ key, text })) }),
    onSuccess: (saved: IntelReport) => {
      queryClient.setQueryData(['intel', 'report', id], saved);
      message.success(t('intel.report.saved'));
    },
    onError: (error) => message.error(describeError(error, t)),
  });
  if (report.error) return <LoadError error={report.error} onRetry={() => report.refetch()} />;
  if (!report.data) return <Skeleton active />;
  const r = report.data;
  return (
    <Flex vertical gap={12} style={{ flex: 1, minHeight: 0, overflow: 'auto' }} data-testid="intel-report">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space>
          <Link to="/intel">{t('intel.report.back')}</Link>
          <Typography.Text type="secondary">
            {t('intel.report.meta', { id: r.id, by: r.createdBy, at: formatDateTime(r.updatedAt) })}
          </Typography.Text>
        </Space>
        <Space>
          <Button type="primary" loading={save.isPending} onClick={() => save.mutate()}>
            {t('intel.report.save')}
          </Button>
          <Button href={reportFileUrl(r.id, 'html')} target="_blank">
            {t('intel.report.html')}
          </Button>
          <Button href={reportFileUrl(r.id, 'pdf')} target="_blank">
            {t('intel.report.pdf')}
          </Button>
        </Space>
      </Flex>
      <Card>
        <Input
          size="large"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          aria-label={t('intel.report.titleLabel')}
          style={{ fontWeight: 600, marginBottom: 16 }}
        />
        {r.sections.map((s) => (
          <div key={s.key} style={{ marginBottom: 16 }}>
            <Typography.Title level={5}>{s.title}</Typography.Title>
            <Input.TextArea
              aria-label={s.title}
              autoSize={{ minRows: 3, maxRows: 14 }}
              value={texts[s.key] ?? ''}
              onChange={(e) => setTexts((x) => ({ ...x, [s.key]: e.target.value }))}
            />
          </div>
        ))}
      </Card>
      <Card title={t('intel.report.sources')}>
        <Collapse
          size="small"
          items={r.figures.map((f) => ({
            key: f.id,
            label: f.caption,
            children: (
              <Typography.Paragraph style={{ fontSize: 12, marginBottom: 0 }}>
                {f.source.recordIds.slice(0, 80).join('、')}
                {f.source.recordIds.length > 80 ? ` … (${f.source.recordIds.length})` : ''}
                <br />
                <Typography.Text code>{JSON.stringify(f.source.query)}</Typography.Text>
              </Typography.Paragraph>
            ),
          }))}
        />
      </Card>
    </Flex>
  );
}
