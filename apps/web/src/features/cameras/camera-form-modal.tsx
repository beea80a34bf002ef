import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Col, Form, Input, InputNumber, Modal, Row, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { useT } from '../../i18n/i18n-context.tsx';
import type { Camera } from '@ronghui/contracts';
import { type CameraInput, camerasApi } from './cameras-api.ts';

const blank: Partial<CameraInput> = {
  groundElevationMeters: 0,
  heightMeters: 10,
  headingDegrees: 0,
  tiltDegrees: 8,
  rollDegrees: 0,
  hfovDegrees: 60,
  rangeMeters: 1500,
  streamKind: 'none',
  streamUrl: null,
  active: true,
};

/** Register a camera or change one: position, pose, stream. The server checks every field again. */
export function CameraFormModal(props: {
  open: boolean;
  camera?: Camera | undefined;
  stations: { id: string; name: string }[];
  onClose: () => void;
}) {
  const { open, camera, stations, onClose } = props;
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CameraInput>();
  const streamKind = Form.useWatch('streamKind', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(camera ?? blank);
  }, [open, camera, form]);

  const save = useMutation({
    mutationFn: (values: CameraInput) => {
      const body = { ...values, streamUrl: values.streamKind === 'none' ? null : values.streamUrl || null };
      return camera ? camerasApi.update(camera.id, body) : camerasApi.create(body);
    },
    onSuccess: () => {
      message.success(t('cameras.form.saved'));
      void queryClient.invalidateQueries({ queryKey: ['cameras'] });
      onClose();
    },
  });

  const num = (name: keyof CameraInput, min: number, max: number, step = 1, unit?: string) => (
    <Form.Item
      name={name}
      label={t(`cameras.field.${name}` as 'cameras.field.heightMeters')}
      rules={[{ required: true }]}
    >
      <InputNumber min={min} max={max} step={step} style={{ width: '100%' }} suffix={unit} />
    </Form.Item>
  );

  return (
    <Modal
      open={open}
      title={camera ? t('cameras.form.editTitle', { name: camera.name }) : t('cameras.form.newTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      width={720}
      destroyOnHidden
    >
      {save.isError && (
        <Alert type="error" showIcon title={describeError(save.error, t)} style={{ marginBottom: 12 }} />
      )}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="camera-form">
        {/* On a phone two numbers share a row and the text fields take a row each. */}
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="code" label={t('cameras.field.code')} rules={[{ required: true }]}>
              <Input placeholder="DH-CAM-015" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item name="name" label={t('cameras.field.name')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="stationId" label={t('cameras.field.station')} rules={[{ required: true }]}>
              <Select
                showSearch
                optionFilterProp="label"
                options={stations.map((s) => ({ value: s.id, label: s.name }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            {num('lon', -180, 180, 0.0001)}
          </Col>
          <Col xs={12} sm={6}>
            {num('lat', -90, 90, 0.0001)}
          </Col>
          <Col xs={12} sm={6}>
            {num('heightMeters', 0.5, 1000, 1, 'm')}
          </Col>
          <Col xs={12} sm={6}>
            {num('groundElevationMeters', -500, 9000, 1, 'm')}
          </Col>
          <Col xs={12} sm={6}>
            {num('headingDegrees', 0, 359.9, 1, '°')}
          </Col>
          <Col xs={12} sm={6}>
            {num('tiltDegrees', -30, 90, 0.5, '°')}
          </Col>
          <Col xs={12} sm={6}>
            {num('rollDegrees', -45, 45, 0.5, '°')}
          </Col>
          <Col xs={12} sm={6}>
            {num('hfovDegrees', 1, 179, 1, '°')}
          </Col>
          <Col xs={12} sm={6}>
            {num('rangeMeters', 10, 20000, 100, 'm')}
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="active" label={t('cameras.field.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="streamKind" label={t('cameras.field.streamKind')}>
              <Select
                options={(['none', 'hls', 'mjpeg', 'snapshot'] as const).map((k) => ({
                  value: k,
                  label: t(`cameras.stream.${k}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item
              name="streamUrl"
              label={t('cameras.field.streamUrl')}
              rules={[
                {
                  required: streamKind !== undefined && streamKind !== 'none',
                  message: t('cameras.form.urlNeeded'),
                },
                { pattern: /^https?:\/\/\S+$/i, message: t('cameras.form.urlHttp') },
              ]}
            >
              <Input disabled={streamKind === 'none'} placeholder="http://…/snapshot.jpg" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
