import { BusyIndicator } from '@ui5/webcomponents-react';
import { createBrowserRouter } from 'react-router';
import { paths } from '../config/paths';
import { RequireSession } from '../features/auth/components/require-session';
import { t } from '../i18n';
import { registerNavigate } from '../lib/react-query';
import { RouteError } from './routes/route-error';

/** Shown while a page's code loads the first time (once per page: the chunks are cached as immutable). */
function RouteLoading() {
  return <BusyIndicator active className="page-busy" text={t('app.loading')} />;
}

// Each page and the shell are their own chunk, loaded on first visit: the sign-in page and the dashboard download
// only what they show (README "Web weight"; apps/web/scripts/first-load.mjs measures it at every build).
export const router = createBrowserRouter([
  {
    path: paths.signIn.path,
    lazy: async () => ({ Component: (await import('./routes/sign-in')).SignInRoute }),
    HydrateFallback: RouteLoading,
    errorElement: <RouteError />,
  },
  {
    // Every other page needs a session: RequireSession loads /api/auth/me before the shell renders.
    element: <RequireSession />,
    HydrateFallback: RouteLoading,
    errorElement: <RouteError />,
    children: [
      {
        lazy: async () => ({ Component: (await import('./shell')).Shell }),
        children: [
          { path: paths.home.path, lazy: async () => ({ Component: (await import('./routes/dashboard')).DashboardRoute }) },
          { path: paths.tenant.path, lazy: async () => ({ Component: (await import('./routes/tenant')).TenantRoute }) },
          { path: paths.tenantAudit.path, lazy: async () => ({ Component: (await import('./routes/audit')).AuditRoute }) },
          { path: paths.tenantMonitoring.path, lazy: async () => ({ Component: (await import('./routes/monitoring')).MonitoringRoute }) },
          { path: paths.connection.path, lazy: async () => ({ Component: (await import('./routes/connection')).ConnectionRoute }) },
          { path: paths.users.path, lazy: async () => ({ Component: (await import('./routes/users')).UsersRoute }) },
          { path: '*', element: <RouteError /> },
        ],
      },
    ],
  },
]);

// Lets the 401 handling in lib/react-query send the user to the sign-in page without a full reload.
registerNavigate((to, options) => router.navigate(to, options));
