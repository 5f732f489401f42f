import { createBrowserRouter } from 'react-router';
import { paths } from '../config/paths';
import { RequireSession } from '../features/auth/components/require-session';
import { registerNavigate } from '../lib/react-query';
import { AuditRoute } from './routes/audit';
import { ConnectionRoute } from './routes/connection';
import { DashboardRoute } from './routes/dashboard';
import { MonitoringRoute } from './routes/monitoring';
import { RouteError } from './routes/route-error';
import { SignInRoute } from './routes/sign-in';
import { TenantRoute } from './routes/tenant';
import { UsersRoute } from './routes/users';
import { Shell } from './shell';

export const router = createBrowserRouter([
  { path: paths.signIn.path, element: <SignInRoute />, errorElement: <RouteError /> },
  {
    // Every other page needs a session: RequireSession loads /api/auth/me before the shell renders.
    element: <RequireSession />,
    errorElement: <RouteError />,
    children: [
      {
        element: <Shell />,
        children: [
          { path: paths.home.path, element: <DashboardRoute /> },
          { path: paths.tenant.path, element: <TenantRoute /> },
          { path: paths.tenantAudit.path, element: <AuditRoute /> },
          { path: paths.tenantMonitoring.path, element: <MonitoringRoute /> },
          { path: paths.connection.path, element: <ConnectionRoute /> },
          { path: paths.users.path, element: <UsersRoute /> },
          { path: '*', element: <RouteError /> },
        ],
      },
    ],
  },
]);

// Lets the 401 handling in lib/react-query send the user to the sign-in page without a full reload.
registerNavigate((to, options) => router.navigate(to, options));
