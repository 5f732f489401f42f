import '../../config/icons';
import '../../i18n/pages';
import { UsersPage } from '../../features/users/components/users-page';

export function UsersRoute() {
  return <UsersPage />;
}
