import type { Incident, Unit } from '@ronghui/contracts';
import { ArrowLeftOutlined } from '@ant-design/icons';
import type { FeatureCollection } from 'geojson';
import { Alert, Badge, Button, Divider, Spin, Tabs, type TabsProps } from 'antd';
import { describeError } from '../../api/describe-error.ts';
import { useAuth } from '../../app/auth-context.tsx';
import { useT } from '../../i18n/i18n-context.tsx';
import './dispatch.css';
import {
  EscalateButton,
  IncidentList,
  IncidentPanel,
  IncidentTimeline,
  IntakeForm,
  isEscalated,
  useIncident,
} from '../incidents/index.ts';
import { MessagePanel, type MessageTarget } from '../messages/index.ts';
import { RecommendationPanel } from './recommendation-panel.tsx';
import { RequestBoard } from './request-board.tsx';
import { StationRequests } from './station-requests.tsx';
import { UnitBoard } from '../units/index.ts';

export interface CommandTabsProps {
  command: boolean;
  /** A watcher's console (leadership): no intake, requests or messages to send. */
  readOnly?: boolean;
  /** Tabs after the built-in ones (巡防). */
  extraTabs?: NonNullable<TabsProps['items']>;
  tab: string;
  onTab: (tab: string) => void;
  incidents: readonly Incident[];
  incidentId: string | null;
  onIncident: (id: string | null, at?: { lon: number; lat: number }) => void;
  units: readonly Unit[];
  unitId: string | null;
  onUnit: (unit: Unit) => void;
  stations: readonly MessageTarget[];
  picked: { lon: number; lat: number } | null;
  picking: boolean;
  onPickOnMap: () => void;
  onClearPick: () => void;
  positionOf: (unitId: string) => [number, number] | null;
  callsignOf: (unitId: string) => string;
  onRoutes: (routes: FeatureCollection) => void;
}

function IncidentDetail(props: CommandTabsProps & { id: string }) {
  const t = useT();
  const incident = useIncident(props.id);
  const scopeKind = useAuth().user?.scope.kind;
  if (incident.isLoading) return <Spin />;
  if (!incident.data) return <Alert type="error" showIcon title={describeError(incident.error, t)} />;
  const open = !['resolved', 'closed', 'callback', 'merged'].includes(incident.data.status);
  return (
    <div>
      <Button
        type="link"
        size="small"
        icon={<ArrowLeftOutlined />}
        onClick={() => props.onIncident(null)}
        style={{ paddingLeft: 0 }}
      >
        {t('dispatch.incidents.back')}
      </Button>
      <IncidentPanel incident={incident.data} callsignOf={props.callsignOf} />
      {/* A joint area's command room refers up; everyone sees that it was. */}
      {(isEscalated(incident.data) || (props.command && open && scopeKind === 'area')) && (
        <EscalateButton incident={incident.data} />
      )}
      {props.command && open && (
        <>
          <Divider size="small" titlePlacement="start">
            {t('dispatch.rec.title')}
          </Divider>
          <RecommendationPanel
            incident={incident.data}
            positionOf={props.positionOf}
            onRoutes={props.onRoutes}
          />
        </>
      )}
      <Divider size="small" titlePlacement="start">
        {t('dispatch.board.title')}
      </Divider>
      <RequestBoard incidentId={props.id} callsignOf={props.callsignOf} canRelease={props.command} />
      <Divider size="small" titlePlacement="start">
        {t('dispatch.timeline.title')}
      </Divider>
      <IncidentTimeline entries={incident.data.timeline ?? []} />
    </div>
  );
}

/** The side panel's tabs: intake (command rooms) or requests (stations), incidents, units, messages. */
export function CommandTabs(props: CommandTabsProps) {
  const t = useT();
  const incidentsTab = {
    key: 'incident',
    label: (
      <Badge count={props.incidents.length} size="small" offset={[8, -2]} color="#cf1322">
        {t('dispatch.tab.incidents')}
      </Badge>
    ),
    children: props.incidentId ? (
      <IncidentDetail {...props} id={props.incidentId} />
    ) : (
      <IncidentList
        incidents={props.incidents}
        selectedId={props.incidentId}
        onSelect={(id) => props.onIncident(id)}
      />
    ),
  };
  const first = props.command
    ? {
        key: 'intake',
        label: t('dispatch.tab.intake'),
        children: (
          <IntakeForm
            picked={props.picked}
            picking={props.picking}
            onPickOnMap={props.onPickOnMap}
            onClearPick={props.onClearPick}
            onCreated={(incident) => {
              props.onIncident(incident.id, incident.location);
              props.onTab('incident');
            }}
          />
        ),
      }
    : {
        key: 'requests',
        label: t('dispatch.tab.requests'),
        children: (
          <StationRequests
            units={props.units}
            incidents={props.incidents}
            onShowIncident={(id) => {
              props.onIncident(id);
              props.onTab('incident');
            }}
          />
        ),
      };
  return (
    <Tabs
      className="dispatch-tabs"
      size="small"
      activeKey={props.tab}
      onChange={props.onTab}
      items={[
        ...(props.readOnly ? [] : [first]),
        incidentsTab,
        {
          key: 'units',
          label: t('dispatch.tab.units'),
          children: <UnitBoard units={props.units} selectedId={props.unitId} onLocate={props.onUnit} />,
        },
        ...(props.readOnly
          ? []
          : [
              {
                key: 'messages',
                label: t('dispatch.tab.messages'),
                children: <MessagePanel stations={props.stations} canOrder={props.command} />,
              },
            ]),
        ...(props.extraTabs ?? []),
      ]}
    />
  );
}
