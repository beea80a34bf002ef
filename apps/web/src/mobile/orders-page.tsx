import type { StationRequest, Unit } from '@ronghui/contracts';
import { Tag } from 'antd';
import { useParams } from 'react-router';
import { describeError } from '../api/describe-error.ts';
import { formatDateTime } from '../i18n/format-datetime.ts';
import { useT } from '../i18n/i18n-context.tsx';
import { useIncidentBrief } from './incident-brief.tsx';
import { useMobileContext } from './mobile-context.ts';
import { unitName, UnitStatusTag } from './unit-status.tsx';
import { useStationRequests, useStationUnits } from './use-field-data.ts';

const requestColors: Record<StationRequest['status'], string> = {
  requested: 'red',
  committed: 'blue',
  declined: 'default',
  released: 'default',
};

/**
 * 任务: the station's open requests from the command centre, and its units on their way to incidents.
 * `/m/orders/<request or incident id>` (where an alert leads) outlines that request.
 */
export function OrdersPage() {
  const t = useT();
  const context = useMobileContext();
  const { id } = useParams();
  const requests = useStationRequests(context);
  const units = useStationUnits(context);
  const enRoute = (units.data ?? []).filter((u: Unit) => u.status === 'en-route');

  return (
    <div data-testid="mobile-orders">
      <h2 className="m-section-title">{t('mobile.orders.requests')}</h2>
      {requests.error ? (
        <div className="m-empty">{t('mobile.loadFailed', { reason: describeError(requests.error, t) })}</div>
      ) : requests.data?.length === 0 ? (
        <div className="m-empty">{t('mobile.orders.requestsEmpty')}</div>
      ) : (
        requests.data?.map((r) => (
          <div
            key={r.id}
            className={
              id !== undefined && (r.id === id || r.incidentId === id) ? 'm-card m-highlight' : 'm-card'
            }
            data-testid="mobile-request"
          >
            <RequestHead request={r} offline={context.offline} />
            <div className="m-card-sub">
              {t('mobile.orders.quantity', { n: r.quantity })}
              {r.unitIds.length > 0 && ` · ${t('mobile.orders.committedUnits', { n: r.unitIds.length })}`}
            </div>
            <div className="m-card-sub">
              {t('mobile.orders.requestedAt', { time: formatDateTime(r.requestedAt) })}
            </div>
          </div>
        ))
      )}
      <h2 className="m-section-title" style={{ marginTop: 16 }}>
        {t('mobile.orders.enRoute')}
      </h2>
      {units.data && enRoute.length === 0 && <div className="m-empty">{t('mobile.orders.enRouteEmpty')}</div>}
      {enRoute.map((unit) => (
        <div key={unit.id} className="m-card" data-testid="mobile-en-route">
          <div className="m-card-row">
            <span className="m-card-title">{unitName(unit)}</span>
            <UnitStatusTag unit={unit} />
          </div>
          {unit.incidentId && <IncidentPlace id={unit.incidentId} offline={context.offline} />}
        </div>
      ))}
    </div>
  );
}

function RequestHead({ request, offline }: { request: StationRequest; offline: boolean }) {
  const t = useT();
  const brief = useIncidentBrief(request.incidentId, offline);
  return (
    <>
      <div className="m-card-row">
        <span className="m-card-title">{brief.title}</span>
        <Tag color={requestColors[request.status]} style={{ marginInlineEnd: 0 }}>
          {t(`mobile.request.${request.status}`)}
        </Tag>
      </div>
      {brief.place && <div className="m-card-sub">{brief.place}</div>}
    </>
  );
}

function IncidentPlace({ id, offline }: { id: string; offline: boolean }) {
  const brief = useIncidentBrief(id, offline);
  return <div className="m-card-sub">{brief.place ? `${brief.title} · ${brief.place}` : brief.title}</div>;
}
