import { AimOutlined, PlusOutlined } from '@ant-design/icons';
import type { RosterEntry, RosterRole } from '@ronghui/contracts';
import { Button, Tag } from 'antd';
import { useEffect, useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { RISK_HEX } from '../api/disputes-api.ts';
import { useT } from '../i18n/i18n-context.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { useOutbox } from '../offline/index.ts';
import { DisputeRegisterForm } from './dispute-register-form.tsx';
import { GridTaskCard } from './grid-task-card.tsx';
import { GridTaskDetail } from './grid-task-detail.tsx';
import { gridFigures, gridTasks, myCommunityGrid } from './grid-tasks.ts';
import { useMobileContext } from './mobile-context.ts';
import { MyGridMap } from './my-grid-map.tsx';
import { RosterCall } from './roster-call.tsx';
import { usePosition, useMyGrid } from './use-my-grid.ts';

/** The 1+2+N of the police grid first (community officer, auxiliaries, assistants), then the community grid's. */
const ROLE_ORDER: readonly RosterRole[] = [
  'community-officer',
  'auxiliary',
  'assistant',
  'full-time',
  'part-time',
  'village-cadre',
  'volunteer',
];

/**
 * 我的网格 (`/m/grid`), the grid worker's first tab: the grid's figures; their community grid on the map with
 * its police grid, the hazards and open disputes in it and the phone's position; 我的任务 (the grid's hazards
 * and the disputes they mediate, the most pressing first); the grid's 1+2+N people. `/m/grid/hazard/<id>`
 * and `/m/grid/dispute/<id>` open one; `/m/grid/dispute/new` registers a dispute.
 */
export function GridPhonePage() {
  const { kind, id } = useParams();
  // A task opens at its top, the list at its own top again (the shell's main area keeps its scroll otherwise).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every change of the page shown
  useEffect(() => {
    document.querySelector('.m-main')?.scrollTo({ top: 0 });
  }, [kind, id]);
  if (kind === 'dispute' && id === 'new') return <DisputeRegisterForm />;
  if ((kind === 'hazard' || kind === 'dispute') && id) return <GridTaskDetail kind={kind} id={id} key={id} />;
  return <MyGrid />;
}

function MyGrid() {
  const t = useT();
  const { user: shown, outbox } = useMobileContext();
  const queue = useOutbox(outbox);
  const waiting = queue.pending.filter((e) => e.url.startsWith('/api/disputes'));
  const { user, grids, roster, hazards, openDisputes, mine } = useMyGrid();
  const { here, error: locateError, locate } = usePosition();
  const policeGridId = shown.scope.orgId;
  const rosterItems = roster.data?.items ?? [];
  const communityGridId = myCommunityGrid(user?.id, rosterItems, grids.data, policeGridId, here);
  const communityGrid = grids.data?.features.find((f) => f.properties.id === communityGridId);
  const hazardItems = hazards.data?.items ?? [];
  const openItems = openDisputes.data?.items ?? [];
  const figures = gridFigures(hazardItems, openItems);
  // The tasks are ordered against the time of the last answer, so the list does not jump between renders.
  const asOf = Math.max(hazards.dataUpdatedAt, mine.dataUpdatedAt);
  const tasks = useMemo(
    () => gridTasks(hazardItems, mine.data?.items ?? [], asOf),
    [hazardItems, mine.data, asOf],
  );
  const people = rosterItems
    .filter((r) => r.current && r.userId !== user?.id)
    .filter((r) => r.gridLayer === 'police' || r.gridId === communityGridId)
    .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));

  return (
    <div data-testid="my-grid-page">
      <div className="m-card" data-testid="my-grid-head">
        <div className="m-card-title" data-testid="my-grid-name">
          {communityGrid?.properties.name ?? shown.scope.orgName}
        </div>
        <div className="m-card-sub">
          {communityGrid
            ? t('mobile.grid.inPoliceGrid', { name: shown.scope.orgName })
            : t('mobile.grid.policeGridOnly')}
        </div>
        <div className="m-figures" data-testid="my-grid-figures">
          <Figure
            value={figures.openHazards}
            label="mobile.grid.figure.openHazards"
            testId="figure-hazards"
          />
          <Figure
            value={figures.overdueHazards}
            label="mobile.grid.figure.overdue"
            alert={figures.overdueHazards > 0}
            testId="figure-overdue"
          />
          <Figure
            value={figures.openDisputes}
            label="mobile.grid.figure.openDisputes"
            testId="figure-disputes"
          />
        </div>
      </div>

      <MyGridMap
        grids={grids.data}
        policeGridId={policeGridId}
        communityGridId={communityGridId}
        hazards={hazardItems.filter((h) => h.status !== 'closed' && h.status !== 'evaluated')}
        disputes={openItems}
        here={here}
      />
      <div className="m-legend">
        <span>
          <span className="m-legend-dot" style={{ background: '#1677ff' }} />
          {t('mobile.grid.legend.hazard')}
        </span>
        <span>
          <span className="m-legend-dot" style={{ background: '#cf1322', outline: '2px solid #000' }} />
          {t('mobile.grid.legend.overdue')}
        </span>
        <span>
          <span className="m-legend-dot" style={{ background: RISK_HEX.yellow }} />
          {t('mobile.grid.legend.dispute')}
        </span>
        <span data-testid="my-grid-position">
          <span
            className="m-legend-dot"
            style={{ background: '#ffffff', boxShadow: 'inset 0 0 0 3px #0b4ea2' }}
          />
          {here
            ? t('mobile.grid.legend.me')
            : locateError
              ? t('mobile.grid.noPosition')
              : t('mobile.grid.locating')}
        </span>
        <Button
          size="small"
          type="link"
          icon={<AimOutlined />}
          onClick={locate}
          aria-label={t('mobile.hazards.locate')}
        />
      </div>

      <div className="m-card-row">
        <div className="m-section-title">{t('mobile.grid.tasks', { n: tasks.length })}</div>
        <Link to="/m/grid/dispute/new" data-testid="grid-register-dispute">
          <Button icon={<PlusOutlined />}>{t('mobile.grid.registerDispute')}</Button>
        </Link>
      </div>
      {waiting.map((e) => (
        <div key={e.id} className="m-card" data-testid="grid-waiting">
          <Tag color="orange">{t('mobile.outboxWaiting')}</Tag>
          {e.label}
        </div>
      ))}
      {tasks.length === 0 && <div className="m-empty">{t('mobile.grid.noTasks')}</div>}
      <div data-testid="grid-tasks">
        {tasks.map((task) => (
          <GridTaskCard key={`${task.kind}-${task.id}`} task={task} />
        ))}
      </div>

      <div className="m-section-title">{t('mobile.grid.people')}</div>
      <div className="m-card" data-testid="my-grid-people">
        {people.length === 0 && <div className="m-empty">{t('grid.roster.empty')}</div>}
        {people.map((r) => (
          <RosterRow key={r.id} entry={r} />
        ))}
      </div>
    </div>
  );
}

function Figure({
  value,
  label,
  alert = false,
  testId,
}: {
  value: number;
  label: MessageKey;
  alert?: boolean;
  testId: string;
}) {
  const t = useT();
  return (
    <div className={alert ? 'm-figure m-figure-alert' : 'm-figure'} data-testid={testId}>
      <span className="m-figure-value">{value}</span>
      <span className="m-figure-label">{t(label)}</span>
    </div>
  );
}

function RosterRow({ entry }: { entry: RosterEntry }) {
  const t = useT();
  return (
    <div className="m-roster-row" data-testid="grid-roster-row" data-role={entry.role}>
      <Tag color={entry.gridLayer === 'police' ? 'blue' : 'green'}>
        {t(`grid.role.${entry.role}` as MessageKey)}
      </Tag>
      <span className="m-roster-who">
        {entry.name}
        {entry.phone && <span className="m-roster-phone">{entry.phone}</span>}
      </span>
      {entry.phone && <RosterCall entry={entry} />}
    </div>
  );
}
