import { TenantsPage } from '../../features/tenants/components/tenants-page';

export function DashboardRoute() {
  return <TenantsPage />;
}
