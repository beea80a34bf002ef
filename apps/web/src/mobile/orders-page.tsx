import type { StationRequest, Unit } from '@ronghui/contracts';
import { Tag } from 'antd';
import { Link, useParams } from 'react-router';
import { describeError } from '../api/describe-error.ts';
import { formatDateTime } from '../i18n/format-datetime.ts';
import { useT } from '../i18n/i18n-context.tsx';
import { useIncidentBrief } from './incident-brief.tsx';
import { MyUnitCard } from './my-unit-card.tsx';
import { RequestActions } from './request-actions.tsx';
import { TaskPage } from './task-page.tsx';
import { useMyUnit } from './use-my-unit.ts';
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
 * 任务: the unit this officer works, its current task, the station's open requests from the command centre
 * (accepted or declined here), and the station's units on their way. `/m/orders/<incident id>` (where an
 * alert or a push leads) is the task itself.
 */
export function OrdersPage() {
  const t = useT();
  const context = useMobileContext();
  const { id } = useParams();
  const requests = useStationRequests(context);
  const units = useStationUnits(context);
  const myUnit = useMyUnit(context).data?.unit ?? null;
  const enRoute = (units.data ?? []).filter((u: Unit) => u.status === 'en-route');

  if (id !== undefined) {
    // An alert leads here with the incident's id (or, from older links, the request's).
    const request = requests.data?.find((r) => r.id === id || r.incidentId === id);
    const incidentId = request?.incidentId ?? id;
    return <TaskPage key={incidentId} incidentId={incidentId} request={request} />;
  }

  return (
    <div data-testid="mobile-orders">
      <MyUnitCard />
      {myUnit?.incidentId && (
        <Link
          to={`/m/orders/${myUnit.incidentId}`}
          className="m-card m-task-link"
          data-testid="mobile-current-task"
        >
          <div className="m-card-row">
            <span className="m-card-title">{t('mobile.orders.current')}</span>
            <UnitStatusTag unit={myUnit} />
          </div>
          <IncidentPlace id={myUnit.incidentId} offline={context.offline} />
        </Link>
      )}
      <h2 className="m-section-title">{t('mobile.orders.requests')}</h2>
      {requests.error ? (
        <div className="m-empty">{t('mobile.loadFailed', { reason: describeError(requests.error, t) })}</div>
      ) : requests.data?.length === 0 ? (
        <div className="m-empty">{t('mobile.orders.requestsEmpty')}</div>
      ) : (
        requests.data?.map((r) => (
          <div key={r.id} className="m-card" data-testid="mobile-request" data-status={r.status}>
            <Link to={`/m/orders/${r.incidentId}`} className="m-plain-link">
              <RequestHead request={r} offline={context.offline} />
            </Link>
            <div className="m-card-sub">
              {t('mobile.orders.quantity', { n: r.quantity })}
              {r.unitIds.length > 0 && ` · ${t('mobile.orders.committedUnits', { n: r.unitIds.length })}`}
            </div>
            <div className="m-card-sub">
              {t('mobile.orders.requestedAt', { time: formatDateTime(r.requestedAt) })}
            </div>
            <RequestActions request={r} />
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
