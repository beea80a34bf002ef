import type { ServiceItem } from '@ronghui/contracts';
import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Drawer, Empty, Input, List, Segmented, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { servicesApi, servicesKeys } from '../../api/services-api.ts';
import { useLocale, useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { PublicFrame } from './public-frame.tsx';

const CATEGORIES = [
  'household',
  'id-card',
  'exit-entry',
  'vehicle',
  'driver',
  'traffic-violation',
  'public-order',
] as const;

/** 办事指南: the public catalogue with each item's materials, limits, fees, channels and halls. */
export function GuidePage() {
  const t = useT();
  const [q, setQ] = useState('');
  const [category, setCategory] = useState<string>('all');
  const [open, setOpen] = useState<ServiceItem | null>(null);
  const items = useQuery({ queryKey: servicesKeys.items(), queryFn: () => servicesApi.items() });
  const halls = useQuery({ queryKey: servicesKeys.halls, queryFn: servicesApi.halls });
  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (items.data?.items ?? []).filter(
      (i) =>
        i.active &&
        (category === 'all' || i.category === category) &&
        (needle === '' || `${i.code} ${i.name} ${i.nameEn}`.toLowerCase().includes(needle)),
    );
  }, [items.data, q, category]);
  return (
    <PublicFrame title={t('svc.guide.title')} wide>
      <div data-testid="svc-guide">
        <Input.Search
          allowClear
          placeholder={t('svc.guide.search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          size="large"
        />
        <div style={{ overflowX: 'auto', margin: '12px 0' }}>
          <Segmented
            value={category}
            onChange={(v) => setCategory(String(v))}
            options={[
              { value: 'all', label: t('svc.guide.all') },
              ...CATEGORIES.map((c) => ({ value: c, label: t(`svc.category.${c}` as MessageKey) })),
            ]}
          />
        </div>
        <List
          loading={items.isPending}
          dataSource={shown}
          locale={{ emptyText: <Empty description={t('svc.guide.none')} /> }}
          grid={{ gutter: 12, xs: 1, md: 2, lg: 3 }}
          renderItem={(i) => (
            <List.Item>
              <Card
                size="small"
                hoverable
                onClick={() => setOpen(i)}
                data-testid="svc-guide-item"
                data-code={i.code}
              >
                <Typography.Text strong>{i.name}</Typography.Text>
                <div>
                  <Tag>{t(`svc.category.${i.category}` as MessageKey)}</Tag>
                  <Tag color={i.kind === 'immediate' ? 'green' : 'blue'}>
                    {i.kind === 'immediate'
                      ? t('svc.item.immediate')
                      : t('svc.item.promised', { days: i.promisedDays })}
                  </Tag>
                </div>
              </Card>
            </List.Item>
          )}
        />
        <Drawer
          open={open !== null}
          onClose={() => setOpen(null)}
          title={open?.name}
          width={Math.min(520, window.innerWidth)}
        >
          {open && (
            <ItemDetail
              item={open}
              hallNames={(halls.data?.items ?? [])
                .filter((h) => open.hallIds.includes(h.id))
                .map((h) => h.name)}
            />
          )}
        </Drawer>
      </div>
    </PublicFrame>
  );
}

/** One item as a citizen needs it before coming. */
export function ItemDetail({ item, hallNames }: { item: ServiceItem; hallNames: readonly string[] }) {
  const t = useT();
  const { locale } = useLocale();
  return (
    <div data-testid="svc-item-detail">
      {locale === 'en-US' && <Typography.Paragraph type="secondary">{item.nameEn}</Typography.Paragraph>}
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('svc.item.code')}>{item.code}</Descriptions.Item>
        <Descriptions.Item label={t('svc.item.limit')}>
          {item.kind === 'immediate'
            ? t('svc.item.immediate')
            : `${t('svc.item.promised', { days: item.promisedDays })}（${t('svc.item.statutory', { days: item.statutoryDays })}）`}
          {item.expeditedDays !== null && ` · ${t('svc.case.expeditedDays', { days: item.expeditedDays })}`}
        </Descriptions.Item>
        <Descriptions.Item label={t('svc.item.fee')}>
          {item.feeYuan > 0 ? `¥${item.feeYuan}` : t('svc.item.free')}
        </Descriptions.Item>
        <Descriptions.Item label={t('svc.item.channels')}>
          {item.channels.map((c) => (
            <Tag key={c}>{t(`svc.channel.${c}` as MessageKey)}</Tag>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label={t('svc.item.halls')}>
          {item.centreOnly && <Tag color="orange">{t('svc.item.centreOnly')}</Tag>}
          {hallNames.join('、') || '—'}
        </Descriptions.Item>
      </Descriptions>
      <h4 style={{ marginTop: 16 }}>{t('svc.item.materials')}</h4>
      <ol data-testid="svc-item-materials" style={{ paddingLeft: 20 }}>
        {item.materials.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ol>
      {item.channels.includes('window') && (
        <Typography.Link href={`/book?item=${encodeURIComponent(item.code)}`}>
          {t('svc.guide.book')}
        </Typography.Link>
      )}
    </div>
  );
}
