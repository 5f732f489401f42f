import '../../config/icons';
import '../../i18n/pages';
import { roleAllows } from '@tcc/shared';
import { BusyIndicator, DynamicPage, DynamicPageTitle, FlexBox, MessageStrip, Text, Title } from '@ui5/webcomponents-react';
import { useParams } from 'react-router';
import { PageBreadcrumbs } from '../../components/page-breadcrumbs';
import { PageMessage } from '../../components/page-message';
import { paths } from '../../config/paths';
import { AlertChannelsSection } from '../../features/alerts/components/alert-channels-section';
import { AlertDeliveriesSection } from '../../features/alerts/components/alert-deliveries-section';
import { HealthIntervalSection } from '../../features/alerts/components/health-interval-section';
import { useTenant } from '../../features/tenants/api/get-tenant';
import { ReadOnlyHint } from '../../features/tenants/components/read-only-hint';
import { t } from '../../i18n';

/** A tenant's monitoring: how often its connections are checked, where alerts go, and what was delivered. */
export function MonitoringRoute() {
  const tenantId = useParams().tenantId!;
  const tenant = useTenant(tenantId);
  if (tenant.isPending) return <BusyIndicator active className="page-busy" text={t('app.loading')} />;
  if (tenant.isError) return <PageMessage error={tenant.error} />;
  const role = tenant.data.myRole;
  // Admins change settings and channels; operators read channels and the log; viewers see the interval only (the
  // server answers them 403 for channels and deliveries, so they are not asked for).
  const admin = roleAllows(role, 'admin');
  const operator = roleAllows(role, 'operator');

  return (
    <DynamicPage
      className="page"
      titleArea={
        <DynamicPageTitle
          breadcrumbs={
            <PageBreadcrumbs
              items={[
                { text: t('tenants.title'), href: paths.home.getHref() },
                { text: tenant.data.name, href: paths.tenant.getHref(tenantId) },
                { text: t('monitoring.title') },
              ]}
            />
          }
          heading={<Title level="H2" size="H3">{t('monitoring.title')}</Title>}
          subheading={<Text>{t('monitoring.subtitle')}</Text>}
        />
      }
    >
      <ReadOnlyHint role={role} />
      {operator && !admin && (
        <MessageStrip design="Information" hideCloseButton className="read-only-hint">
          {t('monitoring.operatorHint')}
        </MessageStrip>
      )}
      <FlexBox direction="Column" className="monitoring-sections">
        <HealthIntervalSection tenantId={tenantId} canEdit={admin} />
        {operator ? (
          <>
            <AlertChannelsSection tenantId={tenantId} canEdit={admin} />
            <AlertDeliveriesSection tenantId={tenantId} />
          </>
        ) : (
          <MessageStrip design="Information" hideCloseButton>
            {t('monitoring.viewerHint')}
          </MessageStrip>
        )}
      </FlexBox>
    </DynamicPage>
  );
}
