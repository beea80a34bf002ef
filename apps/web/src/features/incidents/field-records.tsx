import type { IncidentDetail } from '@ronghui/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Image, List, Space, Typography } from 'antd';
import { dispatchApi } from '../../api/dispatch-api.ts';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { useT } from '../../i18n/i18n-context.tsx';

/**
 * 现场记录: what officers recorded on scene, notes (from the timeline) and photos. Photos are listed again
 * only when the timeline has a new one, and each is one thumbnail keyed by its id, so live refreshes neither
 * repeat a photo nor read it again (every read of a photo is audited). Click to enlarge.
 */
export function FieldRecords({ incident }: { incident: IncidentDetail }) {
  const t = useT();
  const notes = incident.timeline.filter((e) => e.kind === 'note');
  const photoCount = incident.timeline.filter((e) => e.kind === 'photo').length;
  const photos = useQuery({
    queryKey: ['dispatch', 'attachments', incident.id, photoCount],
    queryFn: () => dispatchApi.attachments(incident.id),
    enabled: photoCount > 0,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const items = photoCount > 0 ? (photos.data?.items ?? []) : [];
  if (notes.length === 0 && items.length === 0)
    return (
      <Typography.Paragraph type="secondary" data-testid="field-records-empty">
        {t('dispatch.field.empty')}
      </Typography.Paragraph>
    );
  return (
    <div data-testid="field-records" style={{ marginBottom: 8 }}>
      {notes.length > 0 && (
        <List
          size="small"
          split={false}
          dataSource={notes}
          renderItem={(n) => (
            <List.Item style={{ padding: '2px 0' }}>
              <span data-testid="field-note" style={{ fontSize: 13 }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(n.at).slice(11)} · {n.actor}
                </Typography.Text>{' '}
                {n.note}
              </span>
            </List.Item>
          )}
        />
      )}
      {items.length > 0 && (
        <Image.PreviewGroup>
          <Space wrap size={6} style={{ marginTop: 4 }} data-testid="field-photos">
            {items.map((p) => (
              <span
                key={p.id}
                data-testid="field-photo"
                data-id={p.id}
                title={[p.createdBy, formatDateTime(p.createdAt), p.caption].filter(Boolean).join(' · ')}
              >
                <Image
                  src={p.url}
                  width={72}
                  height={72}
                  style={{ objectFit: 'cover', borderRadius: 4 }}
                  alt={t('dispatch.field.photoAlt', { at: formatDateTime(p.createdAt) })}
                />
              </span>
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
    </div>
  );
}
