import { EyeOutlined, PlusOutlined } from '@ant-design/icons';
import type { Camera } from '@ronghui/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { describeError } from '../../api/describe-error.ts';
import { fetchOrgGeojson } from '../../api/orgs-api.ts';
import { hasAnyRole, useAuth } from '../../app/auth-context.tsx';
import { LoadError } from '../../app/load-error.tsx';
import { useT } from '../../i18n/i18n-context.tsx';
import { CameraFormModal } from './camera-form-modal.tsx';
import { camerasApi } from './cameras-api.ts';
import { useScreen } from '../../app/use-screen.ts';

/** 视频监控点: the camera registry, each row opening its AR view; an editor for who may keep it. */
export function CameraListPage() {
  const t = useT();
  const { user } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const canWrite = hasAnyRole(user, ['system-admin', 'commander']);
  const { compact } = useScreen();
  const cameras = useQuery({ queryKey: ['cameras'], queryFn: camerasApi.list });
  const orgs = useQuery({ queryKey: ['orgs', 'geojson'], queryFn: fetchOrgGeojson, staleTime: 5 * 60_000 });
  const [editing, setEditing] = useState<{ open: boolean; camera?: Camera }>({ open: false });
  const remove = useMutation({
    mutationFn: (c: Camera) => camerasApi.remove(c.id),
    onSuccess: () => {
      message.success(t('cameras.removed'));
      void queryClient.invalidateQueries({ queryKey: ['cameras'] });
    },
    onError: (error) => message.error(describeError(error, t)),
  });
  const stations = useMemo(
    () =>
      (orgs.data?.features ?? [])
        .filter((f) => f.properties.kind === 'station' || f.properties.kind === 'brigade')
        .map((f) => ({ id: f.properties.id, name: f.properties.name })),
    [orgs.data],
  );

  const columns: TableColumnsType<Camera> = [
    { title: t('cameras.field.code'), dataIndex: 'code', width: 120 },
    {
      title: t('cameras.field.name'),
      dataIndex: 'name',
      width: 200,
      render: (_, c) => (
        <Link to={`/cameras/${c.id}`} data-testid="camera-link">
          {c.name}
        </Link>
      ),
    },
    { title: t('cameras.field.station'), dataIndex: 'stationName', width: 130 },
    {
      title: t('cameras.pose'),
      width: 330,
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (_, c) =>
        t('cameras.poseText', {
          heading: Math.round(c.headingDegrees),
          tilt: c.tiltDegrees.toFixed(1),
          fov: Math.round(c.hfovDegrees),
          height: Math.round(c.heightMeters),
        }),
    },
    {
      title: t('cameras.field.rangeMeters'),
      dataIndex: 'rangeMeters',
      width: 100,
      render: (m: number) => `${(m / 1000).toFixed(1)} km`,
    },
    {
      title: t('cameras.field.streamKind'),
      width: 130,
      render: (_, c) => (
        <Tag color={c.streamKind === 'none' ? 'default' : 'green'}>{t(`cameras.stream.${c.streamKind}`)}</Tag>
      ),
    },
    {
      title: t('cameras.field.active'),
      dataIndex: 'active',
      width: 80,
      render: (a: boolean) => (a ? <Tag color="blue">{t('cameras.on')}</Tag> : <Tag>{t('cameras.off')}</Tag>),
    },
    {
      title: t('common.actions'),
      width: canWrite ? 220 : 110,
      render: (_, c) => (
        <Space size={4}>
          <Link to={`/cameras/${c.id}`}>
            <Button size="small" icon={<EyeOutlined />}>
              {t('cameras.openView')}
            </Button>
          </Link>
          {canWrite && (
            <>
              <Button size="small" onClick={() => setEditing({ open: true, camera: c })}>
                {t('common.edit')}
              </Button>
              <Popconfirm
                title={t('cameras.removeConfirm', { name: c.name })}
                onConfirm={() => remove.mutate(c)}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
              >
                <Button size="small" danger>
                  {t('cameras.remove')}
                </Button>
              </Popconfirm>
            </>
          )}
        </Space>
      ),
    },
  ];

  if (cameras.isError) return <LoadError error={cameras.error} onRetry={() => void cameras.refetch()} />;
  return (
    <Card
      title={
        <Space>
          {t('cameras.title')}
          {!compact && (
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
              {t('cameras.subtitle')}
            </Typography.Text>
          )}
        </Space>
      }
      extra={
        canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ open: true })}>
            {t('cameras.add')}
          </Button>
        )
      }
    >
      {/* Narrow screens have no room for the subtitle in the card's header. */}
      {compact && <Typography.Paragraph type="secondary">{t('cameras.subtitle')}</Typography.Paragraph>}
      <Table
        rowKey="id"
        size="small"
        loading={cameras.isLoading}
        columns={columns}
        dataSource={cameras.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 1100 }}
        data-testid="camera-table"
      />
      <CameraFormModal
        open={editing.open}
        camera={editing.camera}
        stations={stations}
        onClose={() => setEditing({ open: false })}
      />
    </Card>
  );
}
