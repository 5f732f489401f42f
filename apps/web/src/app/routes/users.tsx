import { UsersPage } from '../../features/users/components/users-page';

export function UsersRoute() {
  return <UsersPage />;
}
