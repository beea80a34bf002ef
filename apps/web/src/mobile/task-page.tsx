import type { IncidentDetail, StationRequest, Unit } from '@ronghui/contracts';
import { CameraOutlined, LeftOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Drawer, Image, Input, InputNumber, Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { describeError } from '../api/describe-error.ts';
import { fieldApi, fieldUrls } from '../api/field-api.ts';
import { formatClock, formatDateTime } from '../i18n/format-datetime.ts';
import { useLocale, useT } from '../i18n/i18n-context.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { binaryBody, useOutbox } from '../offline/index.ts';
import { useMobileContext } from './mobile-context.ts';
import { compressPhoto } from './photo.ts';
import { isReason, ReasonInput } from './reason-input.tsx';
import { RequestActions } from './request-actions.tsx';
import { etaMinutes, formatDistance, navigationLinks, type Place, useRoadRoute } from './road-eta.ts';
import { RouteMap } from './route-map.tsx';
import { UnitStatusTag } from './unit-status.tsx';
import { useIncident } from './use-field-data.ts';
import { useMyUnit } from './use-my-unit.ts';

/** The buttons of a unit on an incident, in the order they are pressed. */
export const progressSteps = [
  { status: 'en-route', label: 'mobile.task.enRoute' },
  { status: 'on-scene', label: 'mobile.task.onScene' },
  { status: 'returning', label: 'mobile.task.leaving' },
  { status: 'available', label: 'mobile.task.available' },
] as const satisfies readonly { status: Unit['status']; label: MessageKey }[];

/** When a unit reported each step on this incident (the latest report of each), from the timeline. */
export function stepTimes(incident: IncidentDetail | undefined, unitId: string | null): Map<string, string> {
  const times = new Map<string, string>();
  if (!incident || !unitId) return times;
  for (const e of incident.timeline)
    if (e.kind === 'unit-status' && e.detail.unitId === unitId && typeof e.detail.status === 'string')
      times.set(e.detail.status, e.at);
  return times;
}

const backupReasons: readonly MessageKey[] = [
  'mobile.backup.reasonArmed',
  'mobile.backup.reasonCrowd',
  'mobile.backup.reasonInjured',
];

/**
 * 任务详情: one incident as the officer works it: what and where, the route by road with a hand-off to the
 * phone's navigation app, answering the station's request, the unit's steps (出发, 到场, 离开, 空闲) with their
 * times, notes and photos, backup. Every write goes through the outbox.
 */
export function TaskPage({
  incidentId,
  request,
}: {
  incidentId: string;
  request: StationRequest | undefined;
}) {
  const t = useT();
  const { locale } = useLocale();
  const context = useMobileContext();
  const { offline, outbox } = context;
  const queryClient = useQueryClient();
  const queue = useOutbox(outbox);
  const incident = useIncident(incidentId, offline);
  const myUnit = useMyUnit(context).data?.unit ?? null;
  const attachments = useQuery({
    queryKey: ['mobile', 'attachments', incidentId],
    queryFn: () => fieldApi.attachments(incidentId),
    enabled: !offline,
  });
  const [note, setNote] = useState('');
  const [backupOpen, setBackupOpen] = useState(false);
  const [photoError, setPhotoError] = useState<string | null>(null);
  const photoInput = useRef<HTMLInputElement>(null);

  // Whatever the outbox has sent shows up in the incident as the server stored it.
  const sentCount = queue.sent.length;
  useEffect(() => {
    if (sentCount === 0) return;
    for (const key of [
      ['mobile', 'incident', incidentId],
      ['mobile', 'attachments', incidentId],
      ['mobile', 'my-unit'],
      ['mobile', 'requests'],
      ['mobile', 'units'],
    ])
      void queryClient.invalidateQueries({ queryKey: key });
  }, [sentCount, incidentId, queryClient]);

  const data = incident.data;
  const target: Place | null = data ? { lon: data.location.lon, lat: data.location.lat } : null;
  const here: Place | null = myUnit?.position ?? null;
  const route = useRoadRoute(here, target, offline);
  const title = data
    ? `${locale === 'zh-CN' ? data.category.zh : data.category.en} · ${data.priorityName}`
    : '';
  const place = data?.location.address ?? data?.description ?? '';
  const working = myUnit !== null && myUnit.incidentId === incidentId;
  const times = stepTimes(data, myUnit?.id ?? null);
  const pendingSteps = new Set(
    queue.pending.filter((e) => myUnit && e.url === fieldUrls.unitStatus(myUnit.id)).map((e) => e.label),
  );
  const pendingNotes = queue.pending.filter((e) => e.url === fieldUrls.note(incidentId));
  const pendingPhotos = queue.pending.filter((e) => e.url === fieldUrls.photo(incidentId));
  const backupWaiting = queue.pending.some((e) => e.url === fieldUrls.backup(incidentId));
  const notes = (data?.timeline ?? []).filter((e) => e.kind === 'note');

  const stepLabel = (status: string) => {
    const step = progressSteps.find((s) => s.status === status);
    return `${myUnit?.callsign ?? ''} ${step ? t(step.label) : status}`;
  };
  const report = (status: Unit['status']) => {
    if (!myUnit) return;
    void outbox.enqueue({
      method: 'POST',
      url: fieldUrls.unitStatus(myUnit.id),
      body: status === 'available' ? { status } : { status, incidentId },
      label: stepLabel(status),
    });
  };
  const saveNote = () => {
    const text = note.trim();
    if (!text) return;
    void outbox.enqueue({
      method: 'POST',
      url: fieldUrls.note(incidentId),
      body: { text },
      label: t('mobile.task.noteLabel', { text: text.slice(0, 16) }),
    });
    setNote('');
  };
  const takePhoto = async (file: File | undefined) => {
    if (!file) return;
    setPhotoError(null);
    try {
      const photo = await compressPhoto(file);
      await outbox.enqueue({
        method: 'POST',
        url: fieldUrls.photo(incidentId),
        body: binaryBody(photo.bytes, photo.contentType),
        label: t('mobile.task.photoLabel', { kb: Math.round(photo.bytes.byteLength / 1024) }),
      });
    } catch (error) {
      setPhotoError(error instanceof Error ? error.message : String(error));
    } finally {
      if (photoInput.current) photoInput.current.value = '';
    }
  };

  if (incident.error)
    return (
      <div data-testid="mobile-task">
        <BackLink />
        <div className="m-empty">{t('mobile.loadFailed', { reason: describeError(incident.error, t) })}</div>
      </div>
    );
  if (!data)
    return (
      <div data-testid="mobile-task">
        <BackLink />
        <div className="m-empty">{offline ? t('mobile.task.offline') : t('common.loading')}</div>
      </div>
    );

  const links = navigationLinks(target!, place || data.number);
  return (
    <div data-testid="mobile-task" data-incident={incidentId}>
      <BackLink />
      <div className="m-card">
        <div className="m-card-row">
          <span className="m-card-title" style={{ fontSize: 18 }}>
            {title}
          </span>
          <Tag color={data.priority === 1 ? 'red' : data.priority === 2 ? 'orange' : 'blue'}>
            {locale === 'zh-CN' ? data.statusName.zh : data.statusName.en}
          </Tag>
        </div>
        <div className="m-card-sub">{data.number}</div>
        <div style={{ fontSize: 16, margin: '6px 0' }}>{place}</div>
        {data.location.address && data.description && <div className="m-card-sub">{data.description}</div>}
        <div className="m-eta" data-testid="mobile-eta">
          {route.data
            ? t('mobile.task.eta', {
                distance: formatDistance(route.data.distanceMeters),
                minutes: etaMinutes(route.data.durationSeconds),
              })
            : here
              ? route.isError
                ? t('mobile.task.noRoute')
                : t('common.loading')
              : t('mobile.task.noPosition')}
        </div>
        {request && <RequestActions request={request} />}
      </div>

      <RouteMap here={here} incident={target!} route={route.data} />
      <div className="m-actions">
        <Button
          className="m-button"
          href={links.amap}
          target="_blank"
          rel="noopener"
          data-testid="mobile-nav-amap"
        >
          {t('mobile.task.navAmap')}
        </Button>
        <Button className="m-button" href={links.geo} data-testid="mobile-nav-geo">
          {t('mobile.task.navOther')}
        </Button>
      </div>

      <h2 className="m-section-title" style={{ marginTop: 16 }}>
        {t('mobile.task.progress')}
        {myUnit && (
          <span style={{ marginInlineStart: 8 }}>
            <UnitStatusTag unit={myUnit} />
          </span>
        )}
      </h2>
      {!myUnit ? (
        <div className="m-card m-card-sub">{t('mobile.task.signOnFirst')}</div>
      ) : !working && times.size === 0 ? (
        <div className="m-card m-card-sub">{t('mobile.task.notSent', { unit: myUnit.callsign })}</div>
      ) : (
        <div className="m-steps" data-testid="mobile-steps">
          {progressSteps.map((step) => {
            const at = times.get(step.status);
            const waiting = pendingSteps.has(stepLabel(step.status));
            return (
              <Button
                key={step.status}
                className="m-step"
                type={at ? 'default' : 'primary'}
                disabled={waiting}
                onClick={() => report(step.status)}
                data-testid={`mobile-step-${step.status}`}
                data-done={at ? 'true' : 'false'}
              >
                <span className="m-step-label">{t(step.label)}</span>
                <span className="m-step-time">
                  {waiting ? t('mobile.outboxWaiting') : at ? formatClock(at) : '—'}
                </span>
              </Button>
            );
          })}
        </div>
      )}

      <h2 className="m-section-title" style={{ marginTop: 16 }}>
        {t('mobile.task.record')}
      </h2>
      <div className="m-card">
        <Input.TextArea
          rows={3}
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('mobile.task.notePlaceholder')}
          data-testid="mobile-note-text"
        />
        <div className="m-actions">
          <Button
            type="primary"
            className="m-button"
            disabled={!note.trim()}
            onClick={saveNote}
            data-testid="mobile-note-save"
          >
            {t('mobile.task.noteSave')}
          </Button>
          <Button
            className="m-button"
            icon={<CameraOutlined />}
            onClick={() => photoInput.current?.click()}
            data-testid="mobile-photo"
          >
            {t('mobile.task.photo')}
          </Button>
          <input
            ref={photoInput}
            type="file"
            accept="image/*"
            capture="environment"
            hidden
            data-testid="mobile-photo-input"
            onChange={(e) => void takePhoto(e.target.files?.[0])}
          />
        </div>
        {photoError && (
          <div className="m-card-sub" style={{ color: '#cf1322' }}>
            {photoError}
          </div>
        )}
        {[...pendingNotes, ...pendingPhotos].map((e) => (
          <div key={e.id} className="m-card-sub" data-testid="mobile-record-waiting">
            <Tag color="orange">{t('mobile.outboxWaiting')}</Tag>
            {e.label}
          </div>
        ))}
        {notes.map((e) => (
          <div key={`${e.at}-${e.note}`} className="m-note" data-testid="mobile-note">
            <div className="m-card-sub" style={{ marginTop: 0 }}>
              {e.actor} · {formatDateTime(e.at)}
            </div>
            <div>{e.note}</div>
          </div>
        ))}
        {(attachments.data?.items.length ?? 0) > 0 && (
          <div className="m-photos">
            <Image.PreviewGroup>
              {attachments.data!.items.map((a) => (
                <Image
                  key={a.id}
                  src={a.url}
                  width={96}
                  height={96}
                  style={{ objectFit: 'cover' }}
                  data-testid="mobile-photo-thumb"
                />
              ))}
            </Image.PreviewGroup>
          </div>
        )}
      </div>

      <Button
        danger
        block
        className="m-button"
        style={{ marginTop: 8 }}
        disabled={backupWaiting}
        onClick={() => setBackupOpen(true)}
        data-testid="mobile-backup"
      >
        {backupWaiting ? t('mobile.backup.waiting') : t('mobile.backup.open')}
      </Button>
      <BackupSheet
        open={backupOpen}
        onClose={() => setBackupOpen(false)}
        onSend={(quantity, reason) => {
          void outbox.enqueue({
            method: 'POST',
            url: fieldUrls.backup(incidentId),
            body: { quantity, reason, ...(myUnit ? { unitId: myUnit.id } : {}) },
            label: t('mobile.backup.label', { n: quantity }),
          });
          setBackupOpen(false);
        }}
      />
    </div>
  );
}

function BackLink() {
  const t = useT();
  return (
    <Link to="/m/orders" className="m-back">
      <LeftOutlined /> {t('mobile.task.back')}
    </Link>
  );
}

function BackupSheet({
  open,
  onClose,
  onSend,
}: {
  open: boolean;
  onClose: () => void;
  onSend: (quantity: number, reason: string) => void;
}) {
  const t = useT();
  const [quantity, setQuantity] = useState(2);
  const [reason, setReason] = useState('');
  return (
    <Drawer open={open} placement="bottom" size="auto" onClose={onClose} title={t('mobile.backup.title')}>
      <div className="m-card-row" style={{ minHeight: 48 }}>
        <span>{t('mobile.backup.quantity')}</span>
        <InputNumber
          min={1}
          max={20}
          value={quantity}
          onChange={(v) => setQuantity(v ?? 1)}
          size="large"
          data-testid="mobile-backup-quantity"
        />
      </div>
      <ReasonInput
        reasons={backupReasons}
        value={reason}
        onChange={setReason}
        placeholder="mobile.backup.placeholder"
        testId="mobile-backup-reason"
      />
      <Button
        danger
        type="primary"
        block
        className="m-button"
        style={{ marginTop: 16 }}
        disabled={!isReason(reason)}
        onClick={() => {
          onSend(quantity, reason.trim());
          setReason('');
        }}
        data-testid="mobile-backup-send"
      >
        {t('mobile.backup.send')}
      </Button>
    </Drawer>
  );
}
