import { lazy, Suspense, useEffect, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AccessNotice } from './components/shell/access-notice';
import { OfficeBanner } from './components/shell/office-banner';
import { PageBoundary } from './components/shell/page-boundary';
import { ServerBanner, useServerWatch } from './components/shell/server-banner';
import { isStale, useOffice } from './stores/office-store';
import { AppHeader } from './components/shell/app-header';
import { SideNav } from './components/shell/side-nav';
import { Toasts } from './components/toast-region';
import { startLive } from './lib/live';
import { parseRoute, sectionOf, useRoute, type Route } from './lib/router';
import { useApp } from './stores/app-store';
import { useCounts } from './stores/counts-store';
import { useJobs } from './stores/jobs-store';
import { useSchedule } from './stores/schedule-store';
import { useSession } from './stores/session-store';
import { useUnits } from './stores/units-store';

// One chunk per page, loaded when first opened: the first screen does not wait for every other page's code.
const balances = () => import('./pages/balances-page').then((m) => ({ default: m.BalancesPage }));
const home = () => import('./pages/home-page').then((m) => ({ default: m.HomePage }));
const job = () => import('./pages/job-page').then((m) => ({ default: m.JobPage }));
const notFound = () => import('./pages/not-found-page').then((m) => ({ default: m.NotFoundPage }));
const resident = () => import('./pages/resident-page').then((m) => ({ default: m.ResidentPage }));
const access = () => import('./pages/access-keys-page').then((m) => ({ default: m.AccessKeysPage }));
const report = () => import('./pages/data-quality-page').then((m) => ({ default: m.DataQualityPage }));
const settings = () => import('./pages/settings-page').then((m) => ({ default: m.SettingsPage }));
const help = () => import('./pages/what-syncs-page').then((m) => ({ default: m.WhatSyncsPage }));
const queue = () => import('./pages/sync-queue-page').then((m) => ({ default: m.SyncQueuePage }));
const units = () => import('./pages/unit-file-page').then((m) => ({ default: m.UnitFilePage }));
const unit = () => import('./pages/unit-page').then((m) => ({ default: m.UnitPage }));
const pageCode: Record<Route['page'], () => Promise<unknown>> = { balances, home, job, 'not-found': notFound, resident, report, access, settings, help, queue, units, unit };

// The first page's code and its rows are asked for now, while React starts,
// not after the first render: on a cold load that takes a round trip out of
// the chain (the chunk, then the rows), and the rows reach the host ahead of
// the header's calls (the host answers one query at a time).
const first = parseRoute(window.location.hash).page;
void pageCode[first]().catch(() => undefined);
if (first === 'units') void useUnits.getState().load(useApp.getState().corporationId);

const BalancesPage = lazy(balances);
const HomePage = lazy(home);
const JobPage = lazy(job);
const NotFoundPage = lazy(notFound);
const ResidentPage = lazy(resident);
const DataQualityPage = lazy(report);
const AccessKeysPage = lazy(access);
const SettingsPage = lazy(settings);
const WhatSyncsPage = lazy(help);
const SyncQueuePage = lazy(queue);
const UnitFilePage = lazy(units);
const UnitPage = lazy(unit);

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'home':
      return <HomePage />;
    case 'units':
      return <UnitFilePage />;
    case 'unit':
      return <UnitPage id={route.id} />;
    case 'resident':
      return <ResidentPage id={route.id} />;
    case 'queue':
      return <SyncQueuePage />;
    case 'job':
      return <JobPage id={route.id} />;
    case 'balances':
      return <BalancesPage unitId={route.unitId} />;
    case 'settings':
      return <SettingsPage />;
    case 'access':
      return <AccessKeysPage />;
    case 'report':
      return <DataQualityPage />;
    case 'help':
      return <WhatSyncsPage />;
    default:
      return <NotFoundPage />;
  }
}

const titleKeys = {
  home: 'common.nav.home',
  units: 'common.nav.units',
  unit: 'common.nav.units',
  resident: 'shell.userSection',
  queue: 'common.nav.queue',
  job: 'common.nav.queue',
  balances: 'common.nav.balances',
  settings: 'common.nav.settings',
  access: 'access.page.title',
  report: 'exportFiles.report.title',
  help: 'whatSyncs.title',
  'not-found': 'shell.notFound',
} as const satisfies Record<Route['page'], string>;

/** The hash router owns the URL's fragment, so the skip link moves focus itself. */
function skipToMain(e: MouseEvent) {
  e.preventDefault();
  const target = document.querySelector<HTMLElement>('#main h1') ?? document.getElementById('main');
  target?.focus();
}

export function App() {
  const route = useRoute();
  const { t, i18n } = useTranslation();
  const building = useApp((s) => s.corporationId);
  const officeStale = useOffice((s) => isStale(s.office));
  const serverDown = useApp((s) => s.serverDown);
  const stale = officeStale || serverDown;
  useServerWatch();

  useEffect(() => {
    const stop = startLive();
    void useSession.getState().load();
    void useApp.getState().loadInfo();
    void useApp.getState().loadCorporations();
    void useJobs.getState().load();
    void useSchedule.getState().load();
    void useOffice.getState().load();
    return stop;
  }, []);

  useEffect(() => {
    void useCounts.getState().load(building);
  }, [building]);

  useEffect(() => {
    document.title = t('shell.pageTitle', { page: t(titleKeys[route.page]) });
  }, [route.page, t, i18n.resolvedLanguage]);

  const key = route.page + ('id' in route ? `:${route.id}` : '');
  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={skipToMain}>
        {t('shell.skipLink')}
      </a>
      <AppHeader />
      <div className="app-body">
        <SideNav current={sectionOf(route)} />
        <main className="app-main" id="main" tabIndex={-1}>
          <AccessNotice />
          <OfficeBanner />
          <ServerBanner />
          <div className={stale ? 'page page-stale' : 'page'} key={key} {...(stale ? { 'aria-describedby': 'office-banner' } : {})}>
            <PageBoundary>
              <Suspense fallback={null}>
                <Page route={route} />
              </Suspense>
            </PageBoundary>
          </div>
        </main>
      </div>
      <Toasts />
    </div>
  );
}
