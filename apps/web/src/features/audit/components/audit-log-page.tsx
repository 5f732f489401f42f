import { LIMITS, type Tenant } from '@tcc/shared';
import { DynamicPage, DynamicPageHeader, DynamicPageTitle, FlexBox, Link, Text, Title } from '@ui5/webcomponents-react';
import { useState } from 'react';
import { ErrorStrip } from '../../../components/error-strip';
import { IllustratedMessage } from '../../../components/illustrated-message';
import { PageBreadcrumbs } from '../../../components/page-breadcrumbs';
import { Pager } from '../../../components/pager';
import { paths } from '../../../config/paths';
import { t } from '../../../i18n';
import { getAuditExportUrl } from '../api/audit-export-url';
import { useAuditLog } from '../api/get-audit-log';
import { AuditFilterBar, auditQueryOf, EMPTY_AUDIT_FILTERS, type AuditFilters } from './audit-filter-bar';
import { AuditTable } from './audit-table';

/** A tenant's audit log for every member: filter, page through, export what the filters match as CSV. */
export function AuditLogPage({ tenant }: { tenant: Tenant }) {
  const [filters, setFilters] = useState<AuditFilters>(EMPTY_AUDIT_FILTERS);
  const [page, setPage] = useState(1);
  const query = auditQueryOf(filters);
  const audit = useAuditLog(tenant.id, { ...query, page, pageSize: LIMITS.pageSizeDefault });
  const data = audit.data;
  const filtered = Object.values(query).some((value) => value !== undefined);
  const empty = data !== undefined && data.total === 0 && !filtered;

  return (
    <DynamicPage
      className="page"
      titleArea={
        <DynamicPageTitle
          breadcrumbs={
            <PageBreadcrumbs
              items={[
                { text: t('tenants.title'), href: paths.home.getHref() },
                { text: tenant.name, href: paths.tenant.getHref(tenant.id) },
                { text: t('audit.title') },
              ]}
            />
          }
          heading={<Title level="H2" size="H3">{t('audit.title')}</Title>}
          subheading={<Text>{t('audit.subtitle')}</Text>}
        />
      }
      headerArea={
        <DynamicPageHeader>
          <AuditFilterBar
            filters={filters}
            onChange={(next) => {
              setFilters(next);
              setPage(1);
            }}
          />
        </DynamicPageHeader>
      }
    >
      <ErrorStrip error={audit.error} />
      {empty ? (
        <IllustratedMessage name="NoEntries" titleText={t('audit.empty.title')} subtitleText={t('audit.empty.text')} />
      ) : (
        <>
          <FlexBox alignItems="Center" justifyContent="SpaceBetween" wrap="Wrap" className="list-toolbar">
            <Title level="H3" size="H5">{t(data?.totalIsLowerBound ? 'audit.entriesMoreThan' : 'audit.entries', { count: data?.total ?? 0 })}</Title>
            <Link href={getAuditExportUrl(tenant.id, query)} icon="download" target="_self" tooltip={t('audit.export.tooltip')}>
              {t('audit.export')}
            </Link>
          </FlexBox>
          <AuditTable entries={data?.items ?? []} loading={audit.isFetching} />
          {data && <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />}
        </>
      )}
    </DynamicPage>
  );
}
