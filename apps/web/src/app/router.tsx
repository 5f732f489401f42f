import { BusyIndicator } from '@ui5/webcomponents-react';
import { Suspense, useEffect } from 'react';
import { BrowserRouter, matchPath, Route, Routes, useLocation, useNavigate } from 'react-router';
import { paths } from '../config/paths';
import { RequireSession } from '../features/auth/components/require-session';
import { t } from '../i18n';
import { registerNavigate } from '../lib/react-query';
import { lazyRoute, type LazyRoute } from './lazy-route';
import { RouteError, RouteErrorBoundary } from './routes/route-error';
import { SignInRoute } from './routes/sign-in';

/** Shown while a page's code loads the first time (once per page: the chunks are cached as immutable). */
function RouteLoading() {
  return <BusyIndicator active className="page-busy" text={t('app.loading')} />;
}

// The shell and the pages load on first visit, so that the sign-in page and the dashboard download only what they show
// (README "Web weight"; apps/web/scripts/first-load.mjs measures it at every build). The sign-in page, the first of
// every session, is in the entry; vite.config.ts puts the shell and the dashboard in one chunk. The component API of
// React Router, not its data router: no page uses loaders, and createBrowserRouter would add ~16 kB gzipped.
const shell = lazyRoute(async () => (await import('./shell')).Shell);
const pages: Array<{ path: string; route: LazyRoute }> = [
  { path: paths.home.path, route: lazyRoute(async () => (await import('./routes/dashboard')).DashboardRoute) },
  { path: paths.tenant.path, route: lazyRoute(async () => (await import('./routes/tenant')).TenantRoute) },
  { path: paths.tenantAudit.path, route: lazyRoute(async () => (await import('./routes/audit')).AuditRoute) },
  { path: paths.tenantMonitoring.path, route: lazyRoute(async () => (await import('./routes/monitoring')).MonitoringRoute) },
  { path: paths.connection.path, route: lazyRoute(async () => (await import('./routes/connection')).ConnectionRoute) },
  { path: paths.users.path, route: lazyRoute(async () => (await import('./routes/users')).UsersRoute) },
];

/**
 * Fetches the chunks of the page being opened side by side: rendering alone would ask for the shell's only after
 * the session check and the page's only after the shell's. Also hands the navigate function to lib/react-query.
 */
function RouterBridge() {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  useEffect(() => registerNavigate((to, options) => navigate(to, options)), [navigate]);
  useEffect(() => {
    if (matchPath(paths.signIn.path, pathname)) return;
    const page = pages.find(({ path }) => matchPath(path, pathname));
    void shell.preload();
    void page?.route.preload();
  }, [pathname]);
  return null;
}

function AppRoutes() {
  const { pathname } = useLocation();
  return (
    <RouteErrorBoundary path={pathname}>
      <Suspense fallback={<RouteLoading />}>
        <Routes>
          <Route path={paths.signIn.path} element={<SignInRoute />} />
          {/* Every other page needs a session: RequireSession loads /api/auth/me before the shell renders. */}
          <Route element={<RequireSession />}>
            <Route element={<shell.Component />}>
              {pages.map(({ path, route }) => (
                <Route key={path} path={path} element={<route.Component />} />
              ))}
              <Route path="*" element={<RouteError />} />
            </Route>
          </Route>
        </Routes>
      </Suspense>
    </RouteErrorBoundary>
  );
}

export function AppRouter() {
  return (
    <BrowserRouter>
      <RouterBridge />
      <AppRoutes />
    </BrowserRouter>
  );
}
