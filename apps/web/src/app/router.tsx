import { createBrowserRouter } from 'react-router';
import { paths } from '../config/paths';
import { ConnectionRoute } from './routes/connection';
import { DashboardRoute } from './routes/dashboard';
import { RouteError } from './routes/route-error';
import { TenantRoute } from './routes/tenant';
import { Shell } from './shell';

export const router = createBrowserRouter([
  {
    element: <Shell />,
    errorElement: <RouteError />,
    children: [
      { path: paths.home.path, element: <DashboardRoute /> },
      { path: paths.tenant.path, element: <TenantRoute /> },
      { path: paths.connection.path, element: <ConnectionRoute /> },
      { path: '*', element: <RouteError /> },
    ],
  },
]);
