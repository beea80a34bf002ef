import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { applyFieldErrors } from '../../api/apply-field-errors.ts';
import { describeError } from '../../api/describe-error.ts';
import {
  type TrafficDevice,
  type TrafficDeviceBody,
  type TrafficSection,
  type TrafficStoredReading,
  trafficApi,
  trafficKeys,
} from '../../api/traffic-api.ts';
import { formatDateTime } from '../../i18n/format-datetime.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import type { MapDrawing, Position } from './traffic-drawing.ts';
import { deviceCsvTemplate, devicesCsv } from './traffic-view.ts';

const KINDS = ['weather', 'visibility', 'surface', 'detector', 'anpr', 'sign'] as const;
const SENSORS: ReadonlySet<string> = new Set(['weather', 'visibility', 'surface']);

interface DeviceForm {
  id: string;
  name: string;
  kind: TrafficDevice['kind'];
  sectionId?: string | null;
  signId?: string | null;
  junction?: string | null;
  branch?: string | null;
  lines?: number;
  charsPerLine?: number;
  dots?: number;
  heartbeatSeconds?: number;
}

/** 设备: the roadside devices with their state and refused readings; add, edit, remove and import CSV. */
export function DevicesTab(props: {
  devices: readonly TrafficDevice[];
  sections: readonly TrafficSection[];
  canManage: boolean;
  selectedId: string | null;
  onSelect: (id: string | null) => void;
  drawing: MapDrawing;
}) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { devices, sections, canManage, drawing } = props;
  const [editing, setEditing] = useState<TrafficDevice | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const sectionName = useMemo(() => new Map(sections.map((s) => [s.id, s.name])), [sections]);
  const selected = devices.find((d) => d.id === props.selectedId) ?? null;
  const remove = useMutation({
    mutationFn: (id: string) => trafficApi.deleteDevice(id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: trafficKeys.all }),
    onError: (error) => message.error(describeError(error, t)),
  });

  const columns: TableColumnsType<TrafficDevice> = [
    { title: t('traffic.col.id'), dataIndex: 'id', width: 100 },
    { title: t('traffic.col.name'), dataIndex: 'name', width: 140, ellipsis: true },
    {
      title: t('traffic.col.kind'),
      dataIndex: 'kind',
      width: 90,
      render: (k: string) => t(`traffic.kind.${k}` as MessageKey),
    },
    {
      title: t('traffic.col.section'),
      width: 110,
      ellipsis: true,
      render: (_, d) => (d.sectionId ? (sectionName.get(d.sectionId) ?? '—') : '—'),
    },
    {
      title: t('traffic.col.online'),
      width: 80,
      render: (_, d) =>
        d.online ? <Tag color="success">{t('traffic.online')}</Tag> : <Tag>{t('traffic.offline')}</Tag>,
    },
    { title: t('traffic.col.lastSeen'), width: 140, render: (_, d) => formatDateTime(d.lastSeenAt) },
    {
      title: t('traffic.col.rejected'),
      width: 150,
      render: (_, d) => {
        const entries = Object.entries(d.rejected).filter(([, n]) => n > 0);
        return entries.length === 0
          ? '—'
          : entries.map(([reason, n]) => (
              <Tag key={reason} color="warning">
                {reason} × {n}
              </Tag>
            ));
      },
    },
    ...(canManage
      ? [
          {
            title: t('common.actions'),
            width: 120,
            fixed: 'right' as const,
            render: (_: unknown, d: TrafficDevice) => (
              <Space size={4}>
                <Button
                  size="small"
                  type="link"
                  onClick={(event) => {
                    event.stopPropagation();
                    setEditing(d);
                    drawing.start('device', [d.position]);
                  }}
                >
                  {t('common.edit')}
                </Button>
                <Popconfirm title={t('traffic.devices.deleteConfirm')} onConfirm={() => remove.mutate(d.id)}>
                  <Button size="small" type="link" danger onClick={(event) => event.stopPropagation()}>
                    {t('traffic.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <div data-testid="traffic-devices">
      {canManage && (
        <Space style={{ marginBottom: 8 }} wrap>
          <Button
            type="primary"
            data-testid="traffic-device-add"
            onClick={() => {
              setEditing('new');
              drawing.start('device');
            }}
          >
            {t('traffic.devices.add')}
          </Button>
          <Button data-testid="traffic-device-import" onClick={() => setImporting((v) => !v)}>
            {t('traffic.devices.import')}
          </Button>
          <Typography.Link
            download="traffic-devices.csv"
            href={`data:text/csv;charset=utf-8,${encodeURIComponent(
              devices.length > 0 ? devicesCsv(devices) : deviceCsvTemplate(),
            )}`}
          >
            {devices.length > 0 ? t('traffic.devices.exportCsv') : t('traffic.devices.template')}
          </Typography.Link>
        </Space>
      )}
      {importing && <ImportCard onDone={() => setImporting(false)} />}
      {editing && (
        <DeviceEditor
          device={editing === 'new' ? null : editing}
          sections={sections}
          devices={devices}
          at={drawing.tool === 'device' ? (drawing.points[0] ?? null) : null}
          onDone={() => {
            setEditing(null);
            drawing.stop();
          }}
        />
      )}
      <Table<TrafficDevice>
        rowKey="id"
        size="small"
        data-testid="traffic-device-table"
        scroll={{ x: 900 }}
        columns={columns}
        dataSource={[...devices]}
        pagination={{ pageSize: 10, showTotal: (n) => t('common.total', { n }) }}
        onRow={(d) => ({
          onClick: () => props.onSelect(d.id),
          style: { cursor: 'pointer', background: d.id === props.selectedId ? '#e6f4ff' : undefined },
          'data-testid': 'traffic-device-row',
        })}
      />
      {selected && SENSORS.has(selected.kind) && <ReadingsChart device={selected} />}
    </div>
  );
}

function DeviceEditor(props: {
  device: TrafficDevice | null;
  sections: readonly TrafficSection[];
  devices: readonly TrafficDevice[];
  at: Position | null;
  onDone: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<DeviceForm>();
  const { device, at } = props;
  const kind = Form.useWatch('kind', form);
  useEffect(() => {
    form.setFieldsValue(
      device
        ? {
            id: device.id,
            name: device.name,
            kind: device.kind,
            sectionId: device.sectionId,
            signId: device.signId,
            junction: device.junction,
            branch: device.branch,
            lines: device.model?.lines,
            charsPerLine: device.model?.charsPerLine,
            dots: device.model?.dots,
            heartbeatSeconds: device.heartbeatSeconds,
          }
        : { kind: 'surface', heartbeatSeconds: 120, lines: 2, charsPerLine: 8, dots: 16 },
    );
  }, [device, form]);
  const save = useMutation({
    mutationFn: async (v: DeviceForm) => {
      if (!at) throw new Error(t('traffic.devices.pickPosition'));
      const body: TrafficDeviceBody = {
        id: v.id,
        name: v.name,
        kind: v.kind,
        position: at,
        sectionId: v.sectionId ?? null,
        signId: v.signId || null,
        junction: v.junction || null,
        branch: v.branch || null,
        heartbeatSeconds: v.heartbeatSeconds ?? 120,
        ...(v.kind === 'sign'
          ? { model: { lines: v.lines ?? 2, charsPerLine: v.charsPerLine ?? 8, dots: v.dots ?? 16 } }
          : {}),
      };
      if (!device) return trafficApi.createDevice(body);
      const { id: _id, ...patch } = body;
      return trafficApi.updateDevice(device.id, patch);
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: trafficKeys.all });
      message.success(t('traffic.saved'));
      props.onDone();
    },
    onError: (error) => {
      if (!applyFieldErrors(form, ['id', 'name', 'kind', 'sectionId', 'signId', 'junction', 'branch'], error))
        message.error(
          error instanceof Error && !('status' in error) ? error.message : describeError(error, t),
        );
    },
  });
  const signs = props.devices.filter((d) => d.kind === 'sign');
  return (
    <Card size="small" style={{ marginBottom: 8 }} data-testid="traffic-device-form">
      <Form form={form} layout="vertical" size="small" onFinish={(v) => save.mutate(v)}>
        <Space wrap align="start">
          <Form.Item name="id" label={t('traffic.col.id')} rules={[{ required: true }]}>
            <Input disabled={device !== null} style={{ width: 120 }} data-testid="traffic-device-id" />
          </Form.Item>
          <Form.Item name="name" label={t('traffic.col.name')} rules={[{ required: true, whitespace: true }]}>
            <Input style={{ width: 180 }} data-testid="traffic-device-name" />
          </Form.Item>
          <Form.Item name="kind" label={t('traffic.col.kind')} rules={[{ required: true }]}>
            <Select
              style={{ width: 120 }}
              options={KINDS.map((k) => ({ value: k, label: t(`traffic.kind.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="sectionId" label={t('traffic.col.section')}>
            <Select
              allowClear
              style={{ width: 160 }}
              options={props.sections.map((s) => ({ value: s.id, label: s.name }))}
            />
          </Form.Item>
          {(kind === 'anpr' || kind === 'detector') && (
            <Form.Item name="signId" label={t('traffic.devices.signId')}>
              <Select
                allowClear
                style={{ width: 140 }}
                options={signs.map((s) => ({ value: s.id, label: s.name }))}
              />
            </Form.Item>
          )}
          {(kind === 'detector' || kind === 'sign') && (
            <>
              <Form.Item name="junction" label={t('traffic.devices.junction')}>
                <Input style={{ width: 120 }} />
              </Form.Item>
              <Form.Item name="branch" label={t('traffic.devices.branch')}>
                <Input style={{ width: 80 }} />
              </Form.Item>
            </>
          )}
          {kind === 'sign' && (
            <>
              <Form.Item name="lines" label={t('traffic.devices.lines')}>
                <InputNumber min={1} max={8} />
              </Form.Item>
              <Form.Item name="charsPerLine" label={t('traffic.devices.charsPerLine')}>
                <InputNumber min={2} max={32} />
              </Form.Item>
              <Form.Item name="dots" label={t('traffic.devices.dots')}>
                <InputNumber min={8} max={48} />
              </Form.Item>
            </>
          )}
          <Form.Item name="heartbeatSeconds" label={t('traffic.devices.heartbeat')}>
            <InputNumber min={5} max={86400} />
          </Form.Item>
        </Space>
        <div style={{ marginBottom: 8 }} data-testid="traffic-device-position">
          {at ? (
            <Typography.Text>
              {t('traffic.devices.position')}：{at[0].toFixed(5)}, {at[1].toFixed(5)}
            </Typography.Text>
          ) : (
            <Typography.Text type="warning">{t('traffic.devices.pickPosition')}</Typography.Text>
          )}
        </div>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="traffic-device-save">
            {t('common.save')}
          </Button>
          <Button onClick={props.onDone}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}

/** Pastes or loads a CSV of devices; the server names the line it refuses. */
function ImportCard(props: { onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const run = useMutation({
    mutationFn: () => trafficApi.importDevices(text),
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: trafficKeys.all });
      message.success(t('traffic.devices.imported', { created: r.created, updated: r.updated }));
      props.onDone();
    },
  });
  return (
    <Card size="small" style={{ marginBottom: 8 }} data-testid="traffic-import-card">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('traffic.devices.importHint')}
      </Typography.Paragraph>
      <input
        type="file"
        accept=".csv,text/csv"
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) void file.text().then(setText);
        }}
      />
      <Input.TextArea
        rows={5}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={deviceCsvTemplate()}
        style={{ marginTop: 8, fontFamily: 'monospace', fontSize: 12 }}
        data-testid="traffic-import-text"
      />
      {run.isError && (
        <Alert type="error" showIcon style={{ marginTop: 8 }} title={describeError(run.error, t)} />
      )}
      <Space style={{ marginTop: 8 }}>
        <Button type="primary" disabled={!text.trim()} loading={run.isPending} onClick={() => run.mutate()}>
          {t('traffic.devices.importRun')}
        </Button>
        <Button onClick={props.onDone}>{t('common.cancel')}</Button>
      </Space>
    </Card>
  );
}

const SERIES: { key: keyof TrafficStoredReading; label: MessageKey; color: string }[] = [
  { key: 'surfaceTempC', label: 'traffic.reading.surface', color: '#722ed1' },
  { key: 'airTempC', label: 'traffic.reading.air', color: '#1677ff' },
  { key: 'friction', label: 'traffic.reading.friction', color: '#fa8c16' },
  { key: 'visibilityM', label: 'traffic.reading.visibility', color: '#13c2c2' },
  { key: 'windSpeedMs', label: 'traffic.reading.wind', color: '#52c41a' },
];

/** The sensor's last six hours, one small line per measurement it reports. */
function ReadingsChart({ device }: { device: TrafficDevice }) {
  const t = useT();
  const [since] = useState(() => new Date(Date.now() - 6 * 3_600_000).toISOString());
  const readings = useQuery({
    queryKey: trafficKeys.readings(device.id),
    queryFn: () => trafficApi.readings(device.id, since),
  });
  const items = readings.data?.items ?? [];
  const width = 520;
  const height = 60;
  const rows = SERIES.flatMap((s) => {
    const points = items.flatMap((r) => {
      const v = r[s.key];
      return typeof v === 'number' ? [{ at: Date.parse(r.at), v }] : [];
    });
    return points.length > 0 ? [{ ...s, points }] : [];
  });
  return (
    <Card size="small" title={t('traffic.devices.readings', { name: device.name })} style={{ marginTop: 8 }}>
      {rows.length === 0 && (
        <Typography.Text type="secondary">{t('traffic.devices.noReadings')}</Typography.Text>
      )}
      {rows.map((row) => {
        const ats = row.points.map((p) => p.at);
        const vs = row.points.map((p) => p.v);
        const [t0, t1] = [Math.min(...ats), Math.max(...ats)];
        const [v0, v1] = [Math.min(...vs), Math.max(...vs)];
        const x = (at: number) => (t1 === t0 ? width / 2 : ((at - t0) / (t1 - t0)) * (width - 8) + 4);
        const y = (v: number) =>
          v1 === v0 ? height / 2 : height - 4 - ((v - v0) / (v1 - v0)) * (height - 8);
        const last = row.points[row.points.length - 1]!;
        return (
          <div key={row.key} data-testid={`traffic-reading-${row.key}`}>
            <Typography.Text style={{ fontSize: 12 }}>
              {t(row.label)}：{last.v}（{v0} – {v1}）
            </Typography.Text>
            <svg
              width="100%"
              viewBox={`0 0 ${width} ${height}`}
              style={{ display: 'block', maxWidth: width }}
            >
              <title>{t(row.label)}</title>
              <polyline
                fill="none"
                stroke={row.color}
                strokeWidth={2}
                points={row.points.map((p) => `${x(p.at)},${y(p.v)}`).join(' ')}
              />
              {row.points.map((p) => (
                <circle key={p.at} cx={x(p.at)} cy={y(p.v)} r={2} fill={row.color} />
              ))}
            </svg>
          </div>
        );
      })}
    </Card>
  );
}
