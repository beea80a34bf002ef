import { STATUS_NAMES } from '@ronghui/dispatch';
import { useQuery } from '@tanstack/react-query';
import { Drawer, Table, Typography } from 'antd';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { type DrillQuery, type StatsDrillItem, statsApi, statsKeys } from '../../api/stats-api.ts';
import { LoadError } from '../../app/load-error.tsx';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { useLocale, useT } from '../../i18n/i18n-context.tsx';
import { drillQuery } from './stats-view.ts';

export interface DrillTarget {
  /** What the drawer is titled: the figure as the user clicked it. */
  title: string;
  figure: string;
  params: DrillQuery;
}

const DrillContext = createContext<(target: DrillTarget) => void>(() => {});

/** Opens the records behind a figure (`GET /api/stats/drill`) in a drawer. */
export function useDrill(): (target: DrillTarget) => void {
  return useContext(DrillContext);
}

const PAGE_SIZE = 20;

/** An incident's status in words; other records' statuses as the server gives them. */
function statusName(r: StatsDrillItem, zh: boolean): string {
  if (r.status === null) return '—';
  const names = r.kind === 'incident' ? STATUS_NAMES[r.status as keyof typeof STATUS_NAMES] : undefined;
  return names ? (zh ? names.zh : names.en) : r.status;
}

export function DrillProvider({ children }: { children: ReactNode }) {
  const [target, setTarget] = useState<DrillTarget | null>(null);
  const open = useCallback((t: DrillTarget) => setTarget(t), []);
  return (
    <DrillContext.Provider value={open}>
      {children}
      <DrillDrawer target={target} onClose={() => setTarget(null)} />
    </DrillContext.Provider>
  );
}

function DrillDrawer({ target, onClose }: { target: DrillTarget | null; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const [page, setPage] = useState(1);
  const [last, setLast] = useState<DrillTarget | null>(null);
  if (target !== last) {
    setLast(target);
    setPage(1);
  }
  const q = useMemo(
    () => (target ? drillQuery(target.figure, target.params, page, PAGE_SIZE) : null),
    [target, page],
  );
  const records = useQuery({
    queryKey: statsKeys.drill(q ?? {}),
    queryFn: () => statsApi.drill(q ?? {}),
    enabled: q !== null,
  });
  const columns = [
    {
      title: t('stats.drill.number'),
      dataIndex: 'number',
      width: 190,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('stats.drill.at'),
      dataIndex: 'at',
      width: 150,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('stats.drill.category'),
      render: (_: unknown, r: StatsDrillItem) => r.categoryName ?? r.category ?? '—',
    },
    { title: t('stats.drill.station'), dataIndex: 'stationName', render: (v: string | null) => v ?? '—' },
    {
      title: t('stats.drill.status'),
      width: 100,
      render: (_: unknown, r: StatsDrillItem) => statusName(r, locale === 'zh-CN'),
    },
  ];
  return (
    <Drawer open={target !== null} onClose={onClose} size="large" title={target?.title} destroyOnHidden>
      <div data-testid="stats-drill">
        {records.error ? (
          <LoadError error={records.error} onRetry={() => void records.refetch()} />
        ) : (
          <>
            <Typography.Paragraph type="secondary" data-testid="stats-drill-total">
              {t('stats.drill.total', { n: records.data?.total ?? 0 })}
            </Typography.Paragraph>
            <Table<StatsDrillItem>
              rowKey="id"
              size="small"
              loading={records.isLoading}
              dataSource={records.data?.items ?? []}
              columns={columns}
              data-testid="stats-drill-table"
              pagination={{
                current: page,
                pageSize: PAGE_SIZE,
                total: records.data?.total ?? 0,
                showSizeChanger: false,
                onChange: setPage,
              }}
            />
          </>
        )}
      </div>
    </Drawer>
  );
}

/** A figure the user can click to see its records. */
export function DrillLink({
  target,
  children,
  testId,
}: {
  target: DrillTarget;
  children: ReactNode;
  testId?: string;
}) {
  const drill = useDrill();
  return (
    <Typography.Link onClick={() => drill(target)} data-testid={testId}>
      {children}
    </Typography.Link>
  );
}
