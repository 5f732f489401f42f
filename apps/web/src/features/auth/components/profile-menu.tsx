import type { SessionInfo } from '@tcc/shared';
import { Avatar, Button, FlexBox, Popover, Tag, Text, Title } from '@ui5/webcomponents-react';
import { useNavigate } from 'react-router';
import { ErrorStrip } from '../../../components/error-strip';
import { paths } from '../../../config/paths';
import { t } from '../../../i18n';
import { useSignOut } from '../api/sign-out';
import '@ui5/webcomponents-icons/dist/v5/employee.js';
import '@ui5/webcomponents-icons/dist/v5/group.js';
import '@ui5/webcomponents-icons/dist/v5/log.js';

/** Up to two initials from the display name (falling back to the user name); UI5 shows an icon for anything else. */
export function initialsOf(user: SessionInfo['user']): string {
  const words = (user.displayName.trim() || user.username).split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]![0], words.at(-1)![0]] : [words[0]?.[0], words[0]?.[1]];
  return letters.filter(Boolean).join('').toUpperCase();
}

interface ProfileMenuProps {
  user: SessionInfo['user'];
  /** The ShellBar's profile button while the menu is open; null when closed. */
  opener: HTMLElement | null;
  onClose: () => void;
}

/** Who is signed in, and the way out. */
export function ProfileMenu({ user, opener, onClose }: ProfileMenuProps) {
  const navigate = useNavigate();
  const signOut = useSignOut();

  // The sign-in page clears the cache once it has replaced the guarded pages (see SignInRoute).
  const handleSignOut = () =>
    signOut.mutate(undefined, {
      onSuccess: () => {
        onClose();
        void navigate(paths.signIn.getHref(), { replace: true });
      },
    });

  return (
    <Popover
      open={opener !== null}
      opener={opener ?? undefined}
      placement="Bottom"
      horizontalAlign="End"
      accessibleName={t('auth.profile.menu')}
      onClose={onClose}
      className="profile-menu"
    >
      <FlexBox direction="Column" alignItems="Center" className="profile-menu-content">
        <Avatar initials={initialsOf(user)} fallbackIcon="employee" size="M" colorScheme="Accent6" />
        <Title level="H3" size="H5">{user.displayName}</Title>
        <Text className="muted">{t('auth.profile.username', { username: user.username })}</Text>
        {user.systemAdmin && <Tag design="Information" hideStateIcon>{t('auth.profile.systemAdmin')}</Tag>}
        {user.systemAdmin && (
          <Button
            icon="group"
            design="Transparent"
            onClick={() => {
              onClose();
              void navigate(paths.users.getHref());
            }}
          >
            {t('users.open')}
          </Button>
        )}
        <ErrorStrip error={signOut.error} />
        <Button icon="log" design="Transparent" onClick={handleSignOut} loading={signOut.isPending} loadingDelay={200} accessibleName={t('auth.signOut')}>
          {t('auth.signOut')}
        </Button>
      </FlexBox>
    </Popover>
  );
}
