import { TENANT_SORT_KEYS, type Tenant } from '@tcc/shared';
import {
  Button,
  DynamicPage,
  DynamicPageTitle,
  FlexBox,
  Text,
  Title,
  Toolbar,
  ToolbarButton,
} from '@ui5/webcomponents-react';
import { Suspense, useState } from 'react';
import { ErrorStrip } from '../../../components/error-strip';
import { IllustratedMessage } from '../../../components/illustrated-message';
import { Pager } from '../../../components/pager';
import { SearchField } from '../../../components/search-field';
import { SortControl } from '../../../components/sort-control';
import { useListParams } from '../../../hooks/use-list-params';
import { t } from '../../../i18n';
import { retryableLazy } from '../../../lib/retryable-lazy';
import { useTenants } from '../api/get-tenants';
import { useMe } from '../../auth/api/get-me';
import { TenantsTable } from './tenants-table';

// The dialogs (and the form schema they check with) load when one opens, not with the dashboard; one whose chunk
// failed shows the route error page, and loads again after "Try again" or the next visit (retryableLazy).
const TenantNameDialog = retryableLazy(async () => (await import('./tenant-name-dialog')).TenantNameDialog);
const DeleteTenantDialog = retryableLazy(async () => (await import('./delete-tenant-dialog')).DeleteTenantDialog);
import '@ui5/webcomponents-icons/dist/v5/add.js';

type DialogState = { kind: 'create' } | { kind: 'rename' | 'delete'; tenant: Tenant } | null;

export function TenantsPage() {
  const { params, setQ, setSort, setPage } = useListParams<(typeof TENANT_SORT_KEYS)[number]>('name');
  const tenants = useTenants(params);
  // Who may create tenants is a server setting (TENANT_CREATION); the button shows only for those who may.
  const canCreate = useMe().data?.user.canCreateTenants ?? false;
  const [dialog, setDialog] = useState<DialogState>(null);
  const close = () => setDialog(null);
  const page = tenants.data;
  const firstUse = page !== undefined && page.total === 0 && params.q === '';

  return (
    <DynamicPage
      className="page"
      titleArea={
        <DynamicPageTitle
          heading={<Title level="H2" size="H3">{t('tenants.title')}</Title>}
          subheading={<Text>{t('tenants.subtitle')}</Text>}
          actionsBar={
            <Toolbar design="Transparent">
              {canCreate && <ToolbarButton design="Emphasized" icon="add" text={t('tenants.create')} onClick={() => setDialog({ kind: 'create' })} />}
            </Toolbar>
          }
        />
      }
    >
      <ErrorStrip error={tenants.error} />
      {firstUse ? (
        <IllustratedMessage name="AddPeople" titleText={t(canCreate ? 'tenants.empty.title' : 'tenants.empty.noCreateTitle')} subtitleText={t(canCreate ? 'tenants.empty.text' : 'tenants.empty.noCreate')}>
          {canCreate && (
            <Button design="Emphasized" icon="add" onClick={() => setDialog({ kind: 'create' })}>
              {t('tenants.create')}
            </Button>
          )}
        </IllustratedMessage>
      ) : (
        <>
          <FlexBox alignItems="Center" justifyContent="SpaceBetween" wrap="Wrap" className="list-toolbar">
            <SearchField label={t('tenants.search')} onSearch={setQ} />
            <SortControl keys={TENANT_SORT_KEYS} labelOf={(key) => t(`tenants.sort.${key}`)} sort={params.sort} order={params.order} onChange={setSort} />
          </FlexBox>
          <TenantsTable
            tenants={page?.items ?? []}
            sort={params.sort}
            order={params.order}
            loading={tenants.isFetching}
            onRename={(tenant) => setDialog({ kind: 'rename', tenant })}
            onDelete={(tenant) => setDialog({ kind: 'delete', tenant })}
          />
          {page && <Pager page={page.page} pageSize={page.pageSize} total={page.total} onPage={setPage} />}
        </>
      )}
      <Suspense fallback={null}>
        {dialog?.kind === 'create' && <TenantNameDialog onClose={close} />}
        {dialog?.kind === 'rename' && <TenantNameDialog tenant={dialog.tenant} onClose={close} />}
        {dialog?.kind === 'delete' && <DeleteTenantDialog tenant={dialog.tenant} onClose={close} />}
      </Suspense>
    </DynamicPage>
  );
}
