import { CONNECTION_SORT_KEYS, type ConnectionSummary } from '@tcc/shared';
import { Button, FlexBox } from '@ui5/webcomponents-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorStrip } from '../../../components/error-strip';
import { IllustratedMessage } from '../../../components/illustrated-message';
import { Pager } from '../../../components/pager';
import { SearchField } from '../../../components/search-field';
import { SortControl } from '../../../components/sort-control';
import { paths } from '../../../config/paths';
import { useListParams } from '../../../hooks/use-list-params';
import { t } from '../../../i18n';
import { HealthListTools } from '../../health/components/health-list-tools';
import { useConnections } from '../api/get-connections';
import { ConnectionsTable } from './connections-table';
import { CreateConnectionDialog } from './create-connection-dialog';
import { DeleteConnectionDialog } from './delete-connection-dialog';
import { RenameConnectionDialog } from './rename-connection-dialog';

type DialogState = { kind: 'rename' | 'delete'; connection: ConnectionSummary } | null;

interface ConnectionsListProps {
  tenantId: string;
  /** Tenant admins add, rename and delete connections; everyone else only sees them. */
  canManage: boolean;
  /** Operators and admins may check every connection's health now. */
  canCheck: boolean;
  /** The "Add connection" dialog is opened from the page title's action bar, which the route owns. */
  adding: boolean;
  onAddingChange: (adding: boolean) => void;
}

/** The body of the tenant page: search, sort, table, paging, and the first-use guidance. */
export function ConnectionsList({ tenantId, canManage, canCheck, adding, onAddingChange }: ConnectionsListProps) {
  const navigate = useNavigate();
  const { params, setQ, setSort, setPage } = useListParams<(typeof CONNECTION_SORT_KEYS)[number]>('displayName');
  // Only warning or broken connections; a new filter goes back to page 1 like a new search.
  const [needsAttention, setNeedsAttention] = useState(false);
  const connections = useConnections(tenantId, needsAttention ? { ...params, needsAttention: 'true' } : params);
  const [dialog, setDialog] = useState<DialogState>(null);
  const page = connections.data;
  const firstUse = page !== undefined && page.total === 0 && params.q === '' && !needsAttention;

  return (
    <>
      <ErrorStrip error={connections.error} />
      {firstUse ? (
        canManage ? (
          <IllustratedMessage name="NoEntries" titleText={t('connections.empty.title')} subtitleText={t('connections.empty.text')}>
            <Button design="Emphasized" icon="add" onClick={() => onAddingChange(true)}>
              {t('connections.add')}
            </Button>
          </IllustratedMessage>
        ) : (
          <IllustratedMessage name="NoEntries" titleText={t('connections.noneYet')} subtitleText={t('connections.empty.textReadOnly')} />
        )
      ) : (
        <>
          <FlexBox alignItems="Center" justifyContent="SpaceBetween" wrap="Wrap" className="list-toolbar">
            <SearchField label={t('connections.search')} onSearch={setQ} />
            <HealthListTools
              tenantId={tenantId}
              canCheck={canCheck}
              needsAttention={needsAttention}
              onNeedsAttentionChange={(on) => {
                setNeedsAttention(on);
                setPage(1);
              }}
            />
            <SortControl keys={CONNECTION_SORT_KEYS} labelOf={(key) => t(`connections.sort.${key}`)} sort={params.sort} order={params.order} onChange={setSort} />
          </FlexBox>
          <ConnectionsTable
            tenantId={tenantId}
            connections={page?.items ?? []}
            sort={params.sort}
            order={params.order}
            loading={connections.isFetching}
            canManage={canManage}
            onRename={(connection) => setDialog({ kind: 'rename', connection })}
            onDelete={(connection) => setDialog({ kind: 'delete', connection })}
          />
          {page && <Pager page={page.page} pageSize={page.pageSize} total={page.total} onPage={setPage} />}
        </>
      )}
      {adding && canManage && (
        <CreateConnectionDialog
          tenantId={tenantId}
          onClose={() => onAddingChange(false)}
          onCreated={(created) => navigate(paths.connection.getHref(tenantId, created.id))}
        />
      )}
      {dialog?.kind === 'rename' && <RenameConnectionDialog connection={dialog.connection} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'delete' && <DeleteConnectionDialog connection={dialog.connection} onClose={() => setDialog(null)} />}
    </>
  );
}
