import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { LoginPage } from '../features/auth/login-page.tsx';
import { CameraGuard } from '../features/cameras/camera-guard.tsx';
import { disputeAlertsWatcher } from '../features/disputes/index.ts';
import { UnderConstructionPage } from '../features/placeholder/under-construction-page.tsx';
import {
  GridPhonePage,
  CollectPhonePage,
  CalloutsPage,
  DutyPhonePage,
  HazardsPhonePage,
  MePage,
  MessagesPage,
  MobileLayout,
  OrdersPage,
  OutreachPhonePage,
  PatrolPhonePage,
  UnitsPage,
} from '../mobile/index.ts';
import { NotFoundPage } from './not-found-page.tsx';
import type { ModuleKey, PlannedModuleKey } from './navigation.tsx';
import { RequireAuth } from './require-auth.tsx';
import { RequireRole } from './require-role.tsx';
import { ShellLayout } from './shell-layout.tsx';

// Pages with the map or large tables load on demand, so the login page stays small.
const HomePage = lazy(() => import('../features/home/home-page.tsx').then((m) => ({ default: m.HomePage })));
const UsersPage = lazy(() =>
  import('../features/users/users-page.tsx').then((m) => ({ default: m.UsersPage })),
);
const OrgsPage = lazy(() => import('../features/orgs/orgs-page.tsx').then((m) => ({ default: m.OrgsPage })));
const IntelPage = lazy(() =>
  import('../features/intel/intel-page.tsx').then((m) => ({ default: m.IntelPage })),
);
const ReportEditorPage = lazy(() =>
  import('../features/intel/report-editor-page.tsx').then((m) => ({ default: m.ReportEditorPage })),
);
const DispatchPage = lazy(() =>
  import('../features/dispatch/dispatch-page.tsx').then((m) => ({ default: m.DispatchPage })),
);
const BigScreenPage = lazy(() =>
  import('../features/bigscreen/bigscreen-page.tsx').then((m) => ({ default: m.BigScreenPage })),
);
const CameraListPage = lazy(() =>
  import('../features/cameras/camera-list-page.tsx').then((m) => ({ default: m.CameraListPage })),
);
const CameraViewPage = lazy(() =>
  import('../features/cameras/camera-view-page.tsx').then((m) => ({ default: m.CameraViewPage })),
);
const GridPage = lazy(() => import('../features/grid/grid-page.tsx').then((m) => ({ default: m.GridPage })));
const RegistryPage = lazy(() =>
  import('../features/registry/registry-page.tsx').then((m) => ({ default: m.RegistryPage })),
);
const GridStatsPage = lazy(() =>
  import('../features/grid/grid-stats-page.tsx').then((m) => ({ default: m.GridStatsPage })),
);
const DisputesPage = lazy(() =>
  import('../features/disputes/disputes-page.tsx').then((m) => ({ default: m.DisputesPage })),
);
const HazardsPage = lazy(() =>
  import('../features/hazards/hazards-page.tsx').then((m) => ({ default: m.HazardsPage })),
);
const VolunteersPage = lazy(() =>
  import('../features/volunteers/volunteers-page.tsx').then((m) => ({ default: m.VolunteersPage })),
);
const TrafficPage = lazy(() =>
  import('../features/traffic/traffic-page.tsx').then((m) => ({ default: m.TrafficPage })),
);
const ServicesPage = lazy(() =>
  import('../features/services/services-page.tsx').then((m) => ({ default: m.ServicesPage })),
);
const OutreachPage = lazy(() =>
  import('../features/outreach/outreach-page.tsx').then((m) => ({ default: m.OutreachPage })),
);
// The citizens' pages of the service hall: no sign-in (the kiosk asks for a staff session itself).
const GuidePage = lazy(() =>
  import('../features/services/guide-page.tsx').then((m) => ({ default: m.GuidePage })),
);
const BookPage = lazy(() =>
  import('../features/services/book-page.tsx').then((m) => ({ default: m.BookPage })),
);
const BookingManagePage = lazy(() =>
  import('../features/services/booking-manage-page.tsx').then((m) => ({ default: m.BookingManagePage })),
);
const HallScreenPage = lazy(() =>
  import('../features/services/hall-screen-page.tsx').then((m) => ({ default: m.HallScreenPage })),
);
const KioskPage = lazy(() =>
  import('../features/services/kiosk-page.tsx').then((m) => ({ default: m.KioskPage })),
);
const WelfarePage = lazy(() =>
  import('../features/welfare/welfare-page.tsx').then((m) => ({ default: m.WelfarePage })),
);
const StatsPage = lazy(() =>
  import('../features/stats/stats-page.tsx').then((m) => ({ default: m.StatsPage })),
);
const AuditPage = lazy(() =>
  import('../features/audit/audit-page.tsx').then((m) => ({ default: m.AuditPage })),
);

const planned: readonly PlannedModuleKey[] = [];

/** What the features keep running on every page of the console. */
const consoleWatchers = [disputeAlertsWatcher];

const guarded = (module: ModuleKey, page: ReactNode) => <RequireRole module={module}>{page}</RequireRole>;

export function createRouter() {
  return createBrowserRouter([
    { path: '/login', element: <LoginPage /> },
    {
      path: '/guide',
      element: (
        <Suspense fallback={null}>
          <GuidePage />
        </Suspense>
      ),
    },
    {
      path: '/book',
      element: (
        <Suspense fallback={null}>
          <BookPage />
        </Suspense>
      ),
    },
    {
      path: '/book/:reference',
      element: (
        <Suspense fallback={null}>
          <BookingManagePage />
        </Suspense>
      ),
    },
    {
      path: '/hall/:hallId/screen',
      element: (
        <Suspense fallback={null}>
          <HallScreenPage />
        </Suspense>
      ),
    },
    {
      path: '/kiosk/:hallId',
      element: (
        <Suspense fallback={null}>
          <KioskPage />
        </Suspense>
      ),
    },
    {
      // The wall screen of the command room: no menu, no top bar, 1920×1080.
      path: '/bigscreen',
      element: (
        <RequireAuth>
          <Suspense fallback={null}>{guarded('dispatch', <BigScreenPage />)}</Suspense>
        </RequireAuth>
      ),
    },
    {
      // The phone app (外勤) of field roles: its own frame, sign-in check and offline shell.
      path: '/m',
      element: <MobileLayout />,
      children: [
        { index: true, element: null },
        { path: 'orders', element: <OrdersPage /> },
        { path: 'orders/:id', element: <OrdersPage /> },
        { path: 'units', element: <UnitsPage /> },
        { path: 'grid', element: <GridPhonePage /> },
        { path: 'grid/:kind/:id', element: <GridPhonePage /> },
        { path: 'hazards', element: <HazardsPhonePage /> },
        { path: 'collect', element: <CollectPhonePage /> },
        { path: 'callouts', element: <CalloutsPage /> },
        { path: 'callouts/:id', element: <CalloutsPage /> },
        { path: 'patrol', element: <PatrolPhonePage /> },
        { path: 'duty', element: <DutyPhonePage /> },
        { path: 'outreach', element: <OutreachPhonePage /> },
        { path: 'messages', element: <MessagesPage /> },
        { path: 'messages/:id', element: <MessagesPage /> },
        { path: 'me', element: <MePage /> },
        // Anything else under /m/ goes to the user's first tab.
        { path: '*', element: null },
      ],
    },
    {
      path: '/',
      element: (
        <RequireAuth>
          <ShellLayout watchers={consoleWatchers} />
        </RequireAuth>
      ),
      children: [
        { index: true, element: <HomePage /> },
        ...planned.map((key) => ({
          path: key,
          element: guarded(key, <UnderConstructionPage module={key} />),
        })),
        { path: 'dispatch', element: guarded('dispatch', <DispatchPage />) },
        { path: 'intel', element: guarded('intel', <IntelPage />) },
        { path: 'grid', element: guarded('grid', <GridPage />) },
        { path: 'registry', element: guarded('registry', <RegistryPage />) },
        { path: 'grid/stats', element: guarded('grid', <GridStatsPage />) },
        { path: 'disputes', element: guarded('disputes', <DisputesPage />) },
        { path: 'hazards', element: guarded('hazards', <HazardsPage />) },
        { path: 'volunteers', element: guarded('volunteers', <VolunteersPage />) },
        { path: 'traffic', element: guarded('traffic', <TrafficPage />) },
        { path: 'services', element: guarded('services', <ServicesPage />) },
        { path: 'welfare', element: guarded('welfare', <WelfarePage />) },
        { path: 'stats', element: guarded('stats', <StatsPage />) },
        { path: 'outreach', element: guarded('outreach', <OutreachPage />) },
        {
          path: 'cameras',
          element: (
            <CameraGuard>
              <CameraListPage />
            </CameraGuard>
          ),
        },
        {
          path: 'cameras/:id',
          element: (
            <CameraGuard>
              <CameraViewPage />
            </CameraGuard>
          ),
        },
        { path: 'intel/reports/:id', element: guarded('intel', <ReportEditorPage />) },
        { path: 'admin/users', element: guarded('users', <UsersPage />) },
        { path: 'admin/orgs', element: guarded('orgs', <OrgsPage />) },
        { path: 'admin/audit', element: guarded('audit', <AuditPage />) },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
