import { AimOutlined, SendOutlined } from '@ant-design/icons';
import type { RegistryCollectionBody } from '@ronghui/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Input, Segmented, Select, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { REGISTRY_COLLECTIONS_PATH, registryApi } from '../api/registry-api.ts';
import { formatDateTime } from '../i18n/format-datetime.ts';
import { useT } from '../i18n/i18n-context.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { useOutbox } from '../offline/index.ts';
import { newHazardId } from './hazard-id.ts';
import { useMobileContext } from './mobile-context.ts';

type Position = { lon: number; lat: number };
type Kind = 'new-tenant' | 'vacant-house' | 'new-shop';
const KINDS: readonly Kind[] = ['new-tenant', 'vacant-house', 'new-shop'];
const SHOP_KINDS = [
  'shop',
  'restaurant',
  'hotel',
  'factory',
  'internet-cafe',
  'entertainment',
  'school',
  'clinic',
  'other',
] as const;
const STATUS_COLOR: Record<string, string> = {
  assigned: 'default',
  submitted: 'blue',
  accepted: 'green',
  rejected: 'red',
};
const collectionsKey = ['registry', 'collections', 'mine'] as const;

/**
 * 采集 on the grid worker's phone (一标三实): a new tenant, a vacant house or a new shop at an address, with the
 * phone's position. The collection carries the id the phone gave it and goes through the outbox: it waits while
 * there is no network and reaches the server exactly once. Below, my collections and where each stands.
 */
export function CollectPhonePage() {
  const t = useT();
  const { offline, outbox } = useMobileContext();
  const queue = useOutbox(outbox);
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind>('new-tenant');
  const [road, setRoad] = useState('');
  const [doorNo, setDoorNo] = useState('');
  const [room, setRoom] = useState('');
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [phone, setPhone] = useState('');
  const [shopKind, setShopKind] = useState<(typeof SHOP_KINDS)[number]>('shop');
  const [note, setNote] = useState('');
  const [position, setPosition] = useState<Position | null>(null);
  const [locating, setLocating] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  /** An assigned task being carried out: the collection goes under the task's id. */
  const [task, setTask] = useState<{ id: string; note: string | null } | null>(null);

  const mine = useQuery({
    queryKey: collectionsKey,
    queryFn: () => registryApi.collections('mine'),
    enabled: !offline,
    refetchInterval: 30_000,
  });
  const sentCount = queue.sent.length;
  useEffect(() => {
    if (sentCount > 0) void queryClient.invalidateQueries({ queryKey: collectionsKey });
  }, [sentCount, queryClient]);

  const locate = () => {
    if (!('geolocation' in navigator)) return;
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setPosition({ lon: p.coords.longitude, lat: p.coords.latitude });
        setLocating(false);
      },
      () => setLocating(false),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: locate once when the page opens
  useEffect(() => locate(), []);

  const submit = async () => {
    if (!road.trim() && !doorNo.trim()) return setFormError(t('mobile.collect.needAddress'));
    if (kind !== 'vacant-house' && name.trim().length < 2) return setFormError(t('mobile.collect.needName'));
    if (kind === 'new-tenant' && !/^\d{17}[\dXx]$/.test(idNumber.trim()))
      return setFormError(t('mobile.collect.needId'));
    setFormError(null);
    const body: RegistryCollectionBody = {
      id: task?.id ?? newHazardId(),
      kind,
      location: position,
      address: { road: road.trim() || null, doorNo: doorNo.trim() || null, room: room.trim() || null },
      note: note.trim() || null,
      ...(kind === 'new-tenant'
        ? {
            person: {
              name: name.trim(),
              idNumber: idNumber.trim(),
              phone: phone.trim() || null,
              kind: 'floating' as const,
            },
          }
        : kind === 'vacant-house'
          ? { house: { kind: 'vacant' as const } }
          : { business: { name: name.trim(), kind: shopKind, contactPhone: phone.trim() || null } }),
    };
    await outbox.enqueue({
      method: 'POST',
      url: REGISTRY_COLLECTIONS_PATH,
      body,
      label: t('mobile.collect.label', {
        kind: t(`registry.collection.${kind}` as MessageKey),
        place: `${road.trim()}${doorNo.trim()}`,
      }),
    });
    setTask(null);
    setName('');
    setIdNumber('');
    setPhone('');
    setRoom('');
    setNote('');
  };

  const waiting = queue.pending.filter((e) => e.url.startsWith(REGISTRY_COLLECTIONS_PATH));
  const items = mine.data?.items ?? [];

  return (
    <div data-testid="mobile-collect">
      <div className="m-section-title">{t('mobile.collect.title')}</div>
      <div className="m-card" data-testid="collect-form">
        {task && (
          <div className="m-card-sub" data-testid="collect-task">
            <Tag color="blue">{t('registry.status.assigned')}</Tag>
            {task.note}{' '}
            <Button size="small" type="link" onClick={() => setTask(null)}>
              {t('mobile.collect.cancelTask')}
            </Button>
          </div>
        )}
        <Segmented<Kind>
          block
          value={kind}
          onChange={setKind}
          options={KINDS.map((k) => ({ value: k, label: t(`registry.collection.${k}` as MessageKey) }))}
          data-testid="collect-kind"
        />
        <Input
          size="large"
          style={{ marginTop: 8 }}
          value={road}
          onChange={(e) => setRoad(e.target.value)}
          placeholder={t('mobile.collect.road')}
          data-testid="collect-road"
        />
        <div className="m-actions" style={{ marginTop: 8 }}>
          <Input
            size="large"
            value={doorNo}
            onChange={(e) => setDoorNo(e.target.value)}
            placeholder={t('mobile.collect.doorNo')}
            data-testid="collect-door"
          />
          <Input
            size="large"
            value={room}
            onChange={(e) => setRoom(e.target.value)}
            placeholder={t('mobile.collect.room')}
            data-testid="collect-room"
          />
        </div>
        {kind !== 'vacant-house' && (
          <Input
            size="large"
            style={{ marginTop: 8 }}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={t(kind === 'new-shop' ? 'mobile.collect.shopName' : 'mobile.collect.name')}
            data-testid="collect-name"
          />
        )}
        {kind === 'new-tenant' && (
          <Input
            size="large"
            style={{ marginTop: 8 }}
            value={idNumber}
            onChange={(e) => setIdNumber(e.target.value)}
            placeholder={t('mobile.collect.idNumber')}
            data-testid="collect-id"
          />
        )}
        {kind === 'new-shop' && (
          <Select
            size="large"
            style={{ width: '100%', marginTop: 8 }}
            value={shopKind}
            onChange={setShopKind}
            options={SHOP_KINDS.map((k) => ({ value: k, label: t(`registry.business.${k}` as MessageKey) }))}
          />
        )}
        {kind !== 'vacant-house' && (
          <Input
            size="large"
            style={{ marginTop: 8 }}
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            placeholder={t('mobile.collect.phone')}
            data-testid="collect-phone"
          />
        )}
        <Input.TextArea
          style={{ marginTop: 8 }}
          rows={2}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('mobile.collect.note')}
        />
        <div className="m-card-sub" data-testid="collect-position">
          {locating
            ? t('mobile.hazards.locating')
            : position
              ? t('mobile.hazards.located', { lon: position.lon.toFixed(5), lat: position.lat.toFixed(5) })
              : t('mobile.collect.noPosition')}
        </div>
        <div className="m-actions" style={{ marginTop: 8 }}>
          <Button className="m-button" icon={<AimOutlined />} onClick={locate}>
            {t('mobile.hazards.locate')}
          </Button>
          <Button
            className="m-button"
            type="primary"
            icon={<SendOutlined />}
            onClick={() => void submit()}
            data-testid="collect-submit"
          >
            {t('mobile.collect.submit')}
          </Button>
        </div>
        {formError && (
          <div className="m-card-sub" style={{ color: '#cf1322' }} data-testid="collect-form-error">
            {formError}
          </div>
        )}
        {waiting.map((e) => (
          <div key={e.id} className="m-card-sub" data-testid="collect-waiting">
            <Tag color="orange">{t('mobile.outboxWaiting')}</Tag>
            {e.label}
          </div>
        ))}
      </div>

      <div className="m-section-title">{t('mobile.collect.mine')}</div>
      {items.length === 0 && <div className="m-empty">{t('mobile.collect.empty')}</div>}
      {items.map((c) => (
        <div key={c.id} className="m-card" data-testid="collect-item" data-collection-id={c.id}>
          <div className="m-card-row">
            <span className="m-card-title">{t(`registry.collection.${c.kind}` as MessageKey)}</span>
            <Tag color={STATUS_COLOR[c.status]}>{t(`registry.status.${c.status}` as MessageKey)}</Tag>
          </div>
          <div className="m-card-sub">{c.summary}</div>
          <div className="m-card-sub">
            {c.submittedAt ? formatDateTime(c.submittedAt) : c.assignedAt ? formatDateTime(c.assignedAt) : ''}
            {c.reviewReason ? ` · ${c.reviewReason}` : ''}
          </div>
          {c.status === 'assigned' && c.kind !== 'correction' && (
            <Button
              className="m-button"
              style={{ marginTop: 8 }}
              onClick={() => {
                setKind(c.kind as Kind);
                setTask({ id: c.id, note: c.assignedNote });
                window.scrollTo({ top: 0 });
              }}
              data-testid="collect-do-task"
            >
              {t('mobile.collect.doTask')}
            </Button>
          )}
        </div>
      ))}
    </div>
  );
}
