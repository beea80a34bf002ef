import { FilePdfOutlined } from '@ant-design/icons';
import type { VolunteerTeam } from '@ronghui/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Segmented, Select, Space, Table, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { volunteersApi } from '../../api/volunteers-api.ts';
import { LoadError } from '../../app/load-error.tsx';
import { useT } from '../../i18n/i18n-context.tsx';

type Row = Awaited<ReturnType<typeof volunteersApi.ranking>>['items'][number];

/** 积分排行: members by confirmed points in a month, per team, township or county; certificates as PDF. */
export function RankingTab({ teams }: { teams: VolunteerTeam[] }) {
  const t = useT();
  const [month, setMonth] = useState<Dayjs>(dayjs('2023-06-01'));
  const [scope, setScope] = useState<'county' | 'township' | 'team'>('county');
  const [teamId, setTeamId] = useState<string | undefined>(teams[0]?.id);
  const townships = [...new Set(teams.map((x) => x.township).filter((x): x is string => !!x))].sort();
  const [township, setTownship] = useState<string | undefined>(townships[0]);
  const m = month.format('YYYY-MM');
  const q = {
    month: m,
    scope,
    ...(scope === 'team' && teamId ? { teamId } : {}),
    ...(scope === 'township' && township ? { township } : {}),
  };
  const ready = scope === 'county' || (scope === 'team' ? !!teamId : !!township);
  const ranking = useQuery({
    queryKey: ['volunteers', 'ranking', q],
    queryFn: () => volunteersApi.ranking(q),
    enabled: ready,
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<Row> = [
    { title: t('volunteers.ranking.rank'), dataIndex: 'rank', width: 70, align: 'right' },
    { title: t('volunteers.member.name'), dataIndex: 'name', width: 100 },
    { title: t('volunteers.team.name'), dataIndex: 'teamName', width: 160 },
    { title: t('volunteers.team.township'), dataIndex: 'township', width: 100 },
    { title: t('volunteers.activity.points'), dataIndex: 'points', width: 80, align: 'right' },
    { title: t('volunteers.ranking.activities'), dataIndex: 'activities', width: 80, align: 'right' },
    {
      title: t('volunteers.ranking.certificate'),
      key: 'cert',
      width: 220,
      render: (_: unknown, r) => (
        <Space size={4}>
          <Button
            size="small"
            icon={<FilePdfOutlined />}
            href={volunteersApi.certificateUrl(r.memberId, m)}
            target="_blank"
            data-testid="certificate-month"
          >
            {t('volunteers.ranking.monthCertificate')}
          </Button>
          <Button size="small" href={volunteersApi.certificateUrl(r.memberId, m.slice(0, 4))} target="_blank">
            {t('volunteers.ranking.yearCertificate')}
          </Button>
        </Space>
      ),
    },
  ];
  return (
    <Card
      size="small"
      title={
        <Space wrap size={8} style={{ fontWeight: 'normal' }}>
          <DatePicker picker="month" value={month} allowClear={false} onChange={(d) => d && setMonth(d)} />
          <Segmented
            value={scope}
            onChange={(v) => setScope(v as typeof scope)}
            options={[
              { value: 'county', label: t('volunteers.ranking.county') },
              { value: 'township', label: t('volunteers.ranking.township') },
              { value: 'team', label: t('volunteers.ranking.team') },
            ]}
          />
          {scope === 'team' ? (
            <Select
              style={{ width: 180 }}
              value={teamId}
              onChange={setTeamId}
              options={teams.map((x) => ({ value: x.id, label: x.name }))}
            />
          ) : null}
          {scope === 'township' ? (
            <Select
              style={{ width: 140 }}
              value={township}
              onChange={setTownship}
              options={townships.map((x) => ({ value: x, label: x }))}
            />
          ) : null}
        </Space>
      }
    >
      {ranking.error ? (
        <LoadError error={ranking.error} onRetry={() => void ranking.refetch()} />
      ) : (
        <Table
          scroll={{ x: 'max-content' }}
          rowKey="memberId"
          size="small"
          loading={ranking.isLoading}
          columns={columns}
          dataSource={ranking.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="volunteer-ranking"
        />
      )}
    </Card>
  );
}
