import type { CrimeSeries } from '@ronghui/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Flex, Input, Select, Space, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { describeError } from '../../api/describe-error.ts';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { useLocale, useT } from '../../i18n/i18n-context.tsx';
import { createReport, type IntelFilters, judgeLink } from './intel-api.ts';

interface Props {
  series: CrimeSeries[];
  selected: CrimeSeries | null;
  onSelect: (series: CrimeSeries | null) => void;
  onPick: (recordId: string) => void;
  filters: IntelFilters;
}

/** A series' crimes in time order; the analyst confirms or rejects members (which re-learns weights). */
export function SeriesPanel({ series, selected, onSelect, onPick, filters }: Props) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [extra, setExtra] = useState('');
  const judge = useMutation({
    mutationFn: (v: { recordId: string; verdict: 'confirm' | 'reject' }) =>
      judgeLink(selected?.id ?? '', v.recordId, v.verdict),
    onSuccess: (updated) => {
      onSelect(updated);
      setExtra('');
      queryClient.invalidateQueries({ queryKey: ['intel'] });
    },
    onError: (error) => message.error(describeError(error, t)),
  });
  const report = useMutation({
    mutationFn: () =>
      createReport({ seriesId: selected?.id, area: filters.area, category: filters.category }),
    onSuccess: (r) => navigate(`/intel/reports/${r.id}`),
    onError: (error) => message.error(describeError(error, t)),
  });
  const members = [...(selected?.members ?? [])].sort((a, b) => a.occurredFrom.localeCompare(b.occurredFrom));
  return (
    <Flex vertical gap={8}>
      <Space wrap>
        <Select
          style={{ minWidth: 220 }}
          placeholder={t('intel.series.title')}
          value={selected?.id ?? null}
          onChange={(id) => onSelect(series.find((s) => s.id === id) ?? null)}
          options={series.map((s) => ({ value: s.id, label: `${s.name}（${s.memberIds.length}）` }))}
          notFoundContent={t('intel.series.none')}
        />
        <Button type="primary" loading={report.isPending} onClick={() => report.mutate()}>
          {t('intel.report.generate')}
        </Button>
      </Space>
      {!selected && <Empty description={t('intel.series.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />}
      {selected && (
        <>
          <Typography.Text>
            {t('intel.series.members', {
              n: selected.memberIds.length,
              c: selected.cohesion === null ? '—' : selected.cohesion.toFixed(2),
            })}
          </Typography.Text>
          <Typography.Text type="secondary">
            {locale === 'zh-CN' ? selected.explanation.zh : selected.explanation.en}
          </Typography.Text>
          <Timeline
            data-testid="intel-series-timeline"
            items={members.map((m) => ({
              key: m.id,
              color: m.seriesId === selected.id ? 'blue' : 'gray',
              children: (
                <Flex justify="space-between" gap={8}>
                  <span>
                    {formatDateTime(m.occurredFrom)}{' '}
                    <Typography.Link onClick={() => onPick(m.id)}>{m.id}</Typography.Link> {m.premiseName} ·{' '}
                    {m.methodName}
                  </span>
                  <Button
                    size="small"
                    danger
                    onClick={() => judge.mutate({ recordId: m.id, verdict: 'reject' })}
                    disabled={judge.isPending}
                  >
                    {t('intel.series.reject')}
                  </Button>
                </Flex>
              ),
            }))}
          />
          <Space.Compact>
            <Input
              value={extra}
              onChange={(e) => setExtra(e.target.value)}
              placeholder={t('intel.candidates.record')}
              aria-label={t('intel.series.confirm')}
            />
            <Button
              onClick={() => extra.trim() && judge.mutate({ recordId: extra.trim(), verdict: 'confirm' })}
              loading={judge.isPending}
            >
              {t('intel.series.confirm')}
            </Button>
          </Space.Compact>
        </>
      )}
    </Flex>
  );
}
