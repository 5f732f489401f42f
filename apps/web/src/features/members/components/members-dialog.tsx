import { IdSchema, TENANT_ROLES, type Member, type TenantRole, type User } from '@tcc/shared';
import {
  Bar,
  Button,
  ComboBox,
  ComboBoxItem,
  Dialog,
  FlexBox,
  Input,
  Label,
  Option,
  Select,
  Table,
  TableCell,
  TableHeaderCell,
  TableHeaderRow,
  TableRow,
  Text,
  Title,
} from '@ui5/webcomponents-react';
import { useState } from 'react';
import { ErrorStrip } from '../../../components/error-strip';
import { useToast } from '../../../components/toast-provider';
import { t } from '../../../i18n';
import { focusFirstInvalid } from '../../../utils/focus';
import { ApiError } from '../../../lib/api-client';
import { useMe } from '../../auth/api/get-me';
import { useUsers } from '../../users/api/get-users';
import { useDeleteMember } from '../api/delete-member';
import { useMembers } from '../api/get-members';
import { usePutMember } from '../api/put-member';

const roleLabel = (role: TenantRole) => t(`roles.${role}`);

function RoleSelect({ value, accessibleName, disabled, onChange }: { value: TenantRole; accessibleName: string; disabled?: boolean; onChange: (role: TenantRole) => void }) {
  return (
    <Select
      value={value}
      accessibleName={accessibleName}
      disabled={disabled}
      onChange={(event) => onChange(event.detail.selectedOption.dataset.role as TenantRole)}
    >
      {TENANT_ROLES.map((role) => (
        <Option key={role} value={role} data-role={role}>
          {roleLabel(role)}
        </Option>
      ))}
    </Select>
  );
}

interface AddMemberProps {
  tenantId: string;
  members: Member[];
}

/**
 * Listing users is for system admins only; tenant admins who are not get a plain "User ID" field instead (also the
 * fallback when /api/users answers 403).
 */
/** The user name, and for accounts of an identity provider its host: the same name may exist at two of them. */
const userLabel = (user: User) => (user.issuer === 'local' ? user.username : `${user.username} · ${hostOf(user.issuer)}`);
const hostOf = (issuer: string) => {
  try {
    return new URL(issuer).host;
  } catch {
    return issuer;
  }
};

function AddMember({ tenantId, members }: AddMemberProps) {
  const toast = useToast();
  const systemAdmin = useMe().data?.user.systemAdmin ?? false;
  const users = useUsers({ enabled: systemAdmin });
  const byId = !systemAdmin || (users.error instanceof ApiError && users.error.status === 403);
  const candidates = (users.data?.items ?? []).filter((user) => !members.some((m) => m.userId === user.id));

  const [userText, setUserText] = useState('');
  const [userId, setUserId] = useState<string>();
  const [role, setRole] = useState<TenantRole>('operator');
  const [error, setError] = useState<string>();
  const put = usePutMember();

  const submit = () => {
    // The ComboBox may report the typed-ahead text after the selection: fall back to matching the text.
    const typed = userText.trim();
    // Only an unambiguous name: the same user name can belong to accounts of different identity providers.
    const matches = candidates.filter((user) => user.displayName === typed || user.username === typed.toLowerCase());
    const match = matches.length === 1 ? matches[0] : undefined;
    const id = byId ? typed : (userId ?? match?.id);
    const problem = !id ? t(matches.length > 1 ? 'members.add.ambiguous' : 'members.add.userRequired') : byId && !IdSchema.safeParse(id).success ? t('members.add.userIdInvalid') : undefined;
    if (problem || !id) {
      setError(problem);
      return focusFirstInvalid(['member-add-user']);
    }
    setError(undefined);
    put.mutate(
      { tenantId, userId: id, role },
      {
        onSuccess: (member) => {
          toast(t('members.added', { name: member.displayName, role: roleLabel(member.role) }));
          setUserText('');
          setUserId(undefined);
        },
      },
    );
  };

  return (
    <FlexBox direction="Column" className="members-content">
      <Title level="H3" size="H5">{t('members.add.title')}</Title>
      {byId && <Text className="muted">{t('members.add.userIdHint')}</Text>}
      <FlexBox wrap="Wrap" className="members-add">
        <FlexBox direction="Column" className="form-field members-add-user">
          <Label for="member-add-user" showColon required>
            {byId ? t('members.add.userId') : t('members.add.user')}
          </Label>
          {byId ? (
            <Input
              id="member-add-user"
              value={userText}
              accessibleName={t('members.add.userId')}
              placeholder={t('members.add.userIdPlaceholder')}
              valueState={error ? 'Negative' : 'None'}
              valueStateMessage={error ? <div>{error}</div> : undefined}
              onInput={(event) => {
                setUserText(event.target.value);
                setError(undefined);
              }}
              onKeyDown={(event) => event.key === 'Enter' && submit()}
              className="full-width"
            />
          ) : (
            <ComboBox
              id="member-add-user"
              value={userText}
              accessibleName={t('members.add.user')}
              placeholder={candidates.length === 0 && users.isSuccess ? t('members.add.noUsersLeft') : t('members.add.userPlaceholder')}
              loading={users.isFetching}
              valueState={error ? 'Negative' : 'None'}
              valueStateMessage={error ? <div>{error}</div> : undefined}
              onInput={(event) => {
                setUserText(event.target.value);
                setUserId(undefined);
                setError(undefined);
              }}
              onSelectionChange={(event) => {
                const item = event.detail.item;
                setUserId(item?.dataset.userId);
                if (item) setUserText(item.text ?? '');
                setError(undefined);
              }}
              className="full-width"
            >
              {candidates.map((user) => (
                <ComboBoxItem key={user.id} text={user.displayName} additionalText={userLabel(user)} data-user-id={user.id} />
              ))}
            </ComboBox>
          )}
        </FlexBox>
        <FlexBox direction="Column" className="form-field">
          <Label showColon>{t('members.col.role')}</Label>
          <RoleSelect value={role} accessibleName={t('members.add.role')} onChange={setRole} />
        </FlexBox>
        <Button design="Emphasized" icon="add" onClick={submit} loading={put.isPending} loadingDelay={200}>
          {t('members.add.submit')}
        </Button>
      </FlexBox>
      {!byId && <ErrorStrip error={users.error} />}
      <ErrorStrip error={put.error} />
    </FlexBox>
  );
}

interface MembersDialogProps {
  tenantId: string;
  onClose: () => void;
}

/** Tenant admins manage who may see and change the tenant: role per member, remove, add. */
export function MembersDialog({ tenantId, onClose }: MembersDialogProps) {
  const toast = useToast();
  const me = useMe().data?.user;
  const members = useMembers(tenantId);
  const change = usePutMember();
  const remove = useDeleteMember();
  const items = members.data?.items ?? [];

  const changeRole = (member: Member, role: TenantRole) =>
    change.mutate(
      { tenantId, userId: member.userId, role },
      { onSuccess: (updated) => toast(t('members.changed', { name: updated.displayName, role: roleLabel(updated.role) })) },
    );
  const removeMember = (member: Member) =>
    remove.mutate({ tenantId, userId: member.userId }, { onSuccess: () => toast(t('members.removed', { name: member.displayName })) });

  return (
    <Dialog
      open
      headerText={t('members.title')}
      onClose={onClose}
      className="members-dialog"
      footer={
        <Bar
          design="Footer"
          endContent={
            <Button design="Transparent" onClick={onClose}>
              {t('common.close')}
            </Button>
          }
        />
      }
    >
      <FlexBox direction="Column" className="members-content">
        <Text className="muted">{t('members.intro')}</Text>
        <ErrorStrip error={members.error} />
        <ErrorStrip error={change.error ?? remove.error} />
        <Table
          accessibleName={t('members.table')}
          loading={members.isFetching || change.isPending || remove.isPending}
          noDataText={t('members.empty')}
          headerRow={
            <TableHeaderRow>
              <TableHeaderCell minWidth="12rem">{t('members.col.name')}</TableHeaderCell>
              <TableHeaderCell width="11rem">{t('members.col.role')}</TableHeaderCell>
              <TableHeaderCell horizontalAlign="End" width="4rem">{t('common.actions')}</TableHeaderCell>
            </TableHeaderRow>
          }
        >
          {items.map((member) => (
            <TableRow key={member.userId} rowKey={member.userId}>
              <TableCell>
                <FlexBox direction="Column">
                  <Text>
                    {member.displayName} {member.userId === me?.id && <span className="muted">{t('members.you')}</span>}
                  </Text>
                  <Text className="muted">{member.username}</Text>
                </FlexBox>
              </TableCell>
              <TableCell>
                <RoleSelect
                  // Remounted on every refetch: a refused change must not leave the Select showing the refused role.
                  key={members.dataUpdatedAt}
                  value={member.role}
                  accessibleName={t('members.roleOf', { username: member.username })}
                  disabled={change.isPending}
                  onChange={(role) => changeRole(member, role)}
                />
              </TableCell>
              <TableCell horizontalAlign="End">
                <Button
                  design="Transparent"
                  icon="delete"
                  accessibleName={t('members.removeOf', { username: member.username })}
                  tooltip={t('members.remove')}
                  disabled={remove.isPending}
                  onClick={() => removeMember(member)}
                />
              </TableCell>
            </TableRow>
          ))}
        </Table>
        <AddMember tenantId={tenantId} members={items} />
      </FlexBox>
    </Dialog>
  );
}
