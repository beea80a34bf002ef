import { AimOutlined, CameraOutlined, SendOutlined } from '@ant-design/icons';
import { HAZARD_KINDS, type HazardKind } from '@ronghui/hazards';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Input, Select, Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { hazardKeys, hazardsApi, hazardUrls } from '../api/hazards-api.ts';
import { useT } from '../i18n/i18n-context.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { formatDateTime } from '../i18n/format-datetime.ts';
import { binaryBody, useOutbox } from '../offline/index.ts';
import { useMobileContext } from './mobile-context.ts';
import { newHazardId } from './hazard-id.ts';
import { compressPhoto } from './photo.ts';

type Position = { lon: number; lat: number };
type Kind = Exclude<HazardKind, 'referred-call'>;
/** What a person reports (a referred call comes only from a 110 incident). The pure package, not the zod contract: the phone's bundle stays free of schema code. */
const REPORT_KINDS = HAZARD_KINDS.filter((k): k is Kind => k !== 'referred-call');

/**
 * 隐患 on the grid worker's phone: report one with the camera and the phone's position, then see the grid's
 * hazards and where each stands. The report and its photos wait in the outbox while there is no network; the
 * photos name the hazard by the id the phone gave it, so they follow it whenever it is sent.
 */
export function HazardsPhonePage() {
  const t = useT();
  const { offline, outbox } = useMobileContext();
  const queue = useOutbox(outbox);
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind>('fire');
  const [description, setDescription] = useState('');
  const [address, setAddress] = useState('');
  const [position, setPosition] = useState<Position | null>(null);
  const [locating, setLocating] = useState(false);
  const [locateError, setLocateError] = useState<string | null>(null);
  const [photos, setPhotos] = useState<{ bytes: ArrayBuffer; contentType: 'image/jpeg' }[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const photoInput = useRef<HTMLInputElement>(null);

  const list = useQuery({
    queryKey: hazardKeys.list('phone'),
    queryFn: () => hazardsApi.list({}),
    enabled: !offline,
    refetchInterval: 30_000,
  });
  const sentCount = queue.sent.length;
  useEffect(() => {
    if (sentCount > 0) void queryClient.invalidateQueries({ queryKey: hazardKeys.all });
  }, [sentCount, queryClient]);

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setLocateError('geolocation');
      return;
    }
    setLocating(true);
    setLocateError(null);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setPosition({ lon: p.coords.longitude, lat: p.coords.latitude });
        setLocating(false);
      },
      (error) => {
        setLocateError(error.message || String(error.code));
        setLocating(false);
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: locate once when the page opens
  useEffect(() => locate(), []);

  const takePhoto = async (file: File | undefined) => {
    if (!file) return;
    try {
      const photo = await compressPhoto(file);
      setPhotos((list) => [...list, photo]);
    } catch (error) {
      setFormError(error instanceof Error ? error.message : String(error));
    } finally {
      if (photoInput.current) photoInput.current.value = '';
    }
  };

  const submit = async () => {
    const text = description.trim();
    if (text.length < 2) return setFormError(t('mobile.hazards.needDescription'));
    if (!position) return setFormError(t('mobile.hazards.needPosition'));
    setFormError(null);
    const id = newHazardId();
    await outbox.enqueue({
      method: 'POST',
      url: hazardUrls.create(),
      body: {
        id,
        kind,
        description: text,
        location: position,
        ...(address.trim() ? { address: address.trim() } : {}),
      },
      label: t('mobile.hazards.label', {
        text: `${t(`hazards.kind.${kind}` as MessageKey)} ${text.slice(0, 12)}`,
      }),
    });
    for (const photo of photos)
      await outbox.enqueue({
        method: 'POST',
        url: hazardUrls.photo(id),
        body: binaryBody(photo.bytes, photo.contentType),
        label: t('mobile.hazards.photoLabel', { kb: Math.round(photo.bytes.byteLength / 1024) }),
      });
    setDescription('');
    setAddress('');
    setPhotos([]);
  };

  const waiting = queue.pending.filter((e) => e.url.startsWith('/api/hazards'));
  const items = list.data?.items ?? [];

  return (
    <div data-testid="mobile-hazards">
      <div className="m-section-title">{t('mobile.hazards.report')}</div>
      <div className="m-card" data-testid="hazard-form">
        <Select<Kind>
          value={kind}
          onChange={setKind}
          style={{ width: '100%', marginBottom: 8 }}
          size="large"
          data-testid="hazard-kind"
          aria-label={t('mobile.hazards.kind')}
          options={REPORT_KINDS.map((k) => ({
            value: k,
            label: t(`hazards.kind.${k}` as MessageKey),
          }))}
        />
        <Input.TextArea
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          placeholder={t('mobile.hazards.descriptionHint')}
          aria-label={t('mobile.hazards.description')}
          rows={3}
          maxLength={2000}
          data-testid="hazard-description"
        />
        <Input
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          placeholder={t('mobile.hazards.address')}
          style={{ marginTop: 8 }}
          size="large"
          data-testid="hazard-address"
        />
        <div className="m-card-sub" data-testid="hazard-position">
          {locating
            ? t('mobile.hazards.locating')
            : position
              ? t('mobile.hazards.located', { lon: position.lon.toFixed(5), lat: position.lat.toFixed(5) })
              : locateError
                ? t('mobile.hazards.noPosition', { reason: locateError })
                : '—'}
        </div>
        <div className="m-actions" style={{ marginTop: 8 }}>
          <Button className="m-button" icon={<AimOutlined />} onClick={locate} data-testid="hazard-locate">
            {t('mobile.hazards.locate')}
          </Button>
          <Button
            className="m-button"
            icon={<CameraOutlined />}
            onClick={() => photoInput.current?.click()}
            data-testid="hazard-photo"
          >
            {photos.length ? t('mobile.hazards.photoCount', { n: photos.length }) : t('mobile.hazards.photo')}
          </Button>
          <input
            ref={photoInput}
            type="file"
            accept="image/*"
            capture="environment"
            hidden
            data-testid="hazard-photo-input"
            onChange={(e) => void takePhoto(e.target.files?.[0])}
          />
          <Button
            className="m-button"
            type="primary"
            icon={<SendOutlined />}
            onClick={() => void submit()}
            data-testid="hazard-submit"
          >
            {t('mobile.hazards.submit')}
          </Button>
        </div>
        {formError && (
          <div className="m-card-sub" style={{ color: '#cf1322' }} data-testid="hazard-form-error">
            {formError}
          </div>
        )}
        {waiting.map((e) => (
          <div key={e.id} className="m-card-sub" data-testid="hazard-waiting">
            <Tag color="orange">{t('mobile.outboxWaiting')}</Tag>
            {e.label}
          </div>
        ))}
      </div>

      <div className="m-section-title">{t('mobile.hazards.mine')}</div>
      {items.length === 0 && <div className="m-empty">{t('mobile.hazards.empty')}</div>}
      {items.map((h) => (
        <div key={h.id} className="m-card" data-testid="hazard-item" data-hazard-id={h.id}>
          <div className="m-card-row">
            <span className="m-card-title">
              {t(`hazards.kind.${h.kind}` as MessageKey)} · {h.number}
            </span>
            <Tag color={h.overdue === 'overdue' || h.overdue === 'escalated' ? 'red' : 'blue'}>
              {t(`hazards.state.${h.status}` as MessageKey)}
            </Tag>
          </div>
          <div className="m-card-sub">{h.description}</div>
          <div className="m-card-sub">
            {formatDateTime(h.reportedAt)}
            {h.photoCount > 0 && (
              <>
                {' · '}
                <CameraOutlined /> {h.photoCount}
              </>
            )}
          </div>
        </div>
      ))}
    </div>
  );
}
