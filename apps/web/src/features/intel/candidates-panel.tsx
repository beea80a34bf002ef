import type { CrimeSeries } from '@ronghui/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Empty, Flex, Input, List, Progress, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { LoadError } from '../../app/load-error.tsx';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { useLocale, useT } from '../../i18n/i18n-context.tsx';
import { fetchCandidates, growSeries } from './intel-api.ts';

interface Props {
  recordId: string | null;
  onPick: (id: string) => void;
  onSeries: (series: CrimeSeries) => void;
}

/** Crimes most likely in the same series as the chosen one, with the reasons; seeds for a new series. */
export function CandidatesPanel({ recordId, onPick, onSeries }: Props) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(recordId ?? '');
  const [chosen, setChosen] = useState<string[]>([]);
  useEffect(() => {
    setDraft(recordId ?? '');
    setChosen([]);
  }, [recordId]);
  const candidates = useQuery({
    queryKey: ['intel', 'candidates', recordId],
    queryFn: () => fetchCandidates(recordId ?? '', 15),
    enabled: recordId !== null,
  });
  const grow = useMutation({
    mutationFn: () => growSeries([recordId ?? '', ...chosen]),
    onSuccess: (series) => {
      message.success(t('intel.series.created', { name: series.name }));
      queryClient.invalidateQueries({ queryKey: ['intel', 'series'] });
      onSeries(series);
    },
    onError: (error) => message.error(describeError(error, t)),
  });
  return (
    <Flex vertical gap={8} style={{ minHeight: 0, flex: 1 }}>
      <Input.Search
        placeholder={t('intel.candidates.record')}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onSearch={(v) => v.trim() && onPick(v.trim())}
        enterButton={t('common.search')}
        aria-label={t('intel.candidates.record')}
      />
      {!recordId && <Typography.Text type="secondary">{t('intel.candidates.hint')}</Typography.Text>}
      {candidates.error && <LoadError error={candidates.error} onRetry={() => candidates.refetch()} />}
      {candidates.data && candidates.data.items.length === 0 && <Empty />}
      {candidates.data && (
        <>
          <Button type="primary" loading={grow.isPending} onClick={() => grow.mutate()}>
            {t('intel.candidates.grow', { n: chosen.length + 1 })}
          </Button>
          <List
            data-testid="intel-candidates"
            size="small"
            style={{ overflow: 'auto', flex: 1 }}
            dataSource={candidates.data.items}
            renderItem={(c) => (
              <List.Item key={c.record.id}>
                <Space direction="vertical" size={2} style={{ width: '100%' }}>
                  <Flex justify="space-between" align="center" gap={8}>
                    <Checkbox
                      checked={chosen.includes(c.record.id)}
                      onChange={(e) =>
                        setChosen((s) =>
                          e.target.checked ? [...s, c.record.id] : s.filter((x) => x !== c.record.id),
                        )
                      }
                    >
                      <Typography.Link onClick={() => onPick(c.record.id)}>{c.record.id}</Typography.Link>
                    </Checkbox>
                    <Typography.Text type="secondary">
                      {formatDateTime(c.record.occurredFrom)}
                    </Typography.Text>
                    <Progress percent={Math.round(c.score * 100)} size="small" style={{ width: 90 }} />
                  </Flex>
                  <Space size={4} wrap>
                    <Tag>{c.record.premiseName}</Tag>
                    <Tag>{c.record.methodName}</Tag>
                    {c.record.seriesId && <Tag color="blue">{c.record.seriesId}</Tag>}
                  </Space>
                  <Typography.Text style={{ fontSize: 12 }}>
                    {locale === 'zh-CN' ? c.explanation.zh : c.explanation.en}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </>
      )}
    </Flex>
  );
}
