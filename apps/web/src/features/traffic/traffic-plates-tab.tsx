import { useQuery } from '@tanstack/react-query';
import { Table, Tag } from 'antd';
import { useState } from 'react';
import { type TrafficPlateRead, trafficApi, trafficKeys } from '../../api/traffic-api.ts';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { useT } from '../../i18n/i18n-context.tsx';

/** 过车记录: plates the cameras read (masked by the server), and whether a warning went to a sign. */
export function PlatesTab() {
  const t = useT();
  const [page, setPage] = useState(1);
  const reads = useQuery({ queryKey: trafficKeys.plates(page), queryFn: () => trafficApi.plateReads(page) });
  return (
    <Table<TrafficPlateRead>
      data-testid="traffic-plates"
      rowKey="id"
      size="small"
      loading={reads.isPending}
      dataSource={reads.data?.items ?? []}
      pagination={{
        current: page,
        pageSize: 50,
        total: reads.data?.total ?? 0,
        onChange: setPage,
        showTotal: (n) => t('common.total', { n }),
      }}
      columns={[
        { title: t('traffic.plates.at'), width: 150, render: (_, r) => formatDateTime(r.at) },
        { title: t('traffic.plates.plate'), dataIndex: 'plate', width: 110 },
        { title: t('traffic.plates.device'), dataIndex: 'deviceId', width: 110 },
        {
          title: t('traffic.plates.warned'),
          render: (_, r) => (r.warned ? <Tag color="red">{r.signId ?? '—'}</Tag> : '—'),
        },
      ]}
    />
  );
}
