import { roleAllows, type TenantRole, type TrustCertificateInfo } from '@tcc/shared';
import { BusyIndicator, Button, FlexBox, MessageStrip, Panel, Text, Title } from '@ui5/webcomponents-react';
import { useState } from 'react';
import { ErrorStrip } from '../../../components/error-strip';
import { FactList } from '../../../components/fact-list';
import { FormDialog } from '../../../components/form-dialog';
import { t } from '../../../i18n';
import { formatDate, formatDateTime } from '../../../utils/format';
import { useGeneratePassiveCertificate } from '../api/generate-passive-certificate';
import { useTrustRotation } from '../api/get-trust-rotation';
import { useRotateTrustCertificate } from '../api/rotate-trust-certificate';
import { TrustRotationResultView } from './trust-rotation-result';

interface TrustRotationPanelProps {
  tenantId: string;
  connectionId: string;
  connectionName: string;
  role: TenantRole;
}

/** Saves the passive certificate for the guided path's upload in S/4HANA (it is public: what the cockpit exports). */
function downloadPem(pem: string, connectionName: string) {
  const url = URL.createObjectURL(new Blob([pem], { type: 'application/x-pem-file' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `passive-trust-certificate-${connectionName.replace(/[^A-Za-z0-9_-]+/g, '-')}.pem`;
  link.click();
  URL.revokeObjectURL(url);
}

const describe = (certificate: TrustCertificateInfo | null) =>
  certificate ? t('rotation.certificate', { until: formatDate(certificate.notAfter), days: certificate.daysToExpiry, fingerprint: certificate.fingerprintSha256 }) : t('rotation.none');

const GUIDED_STEPS = ['rotation.guided.1', 'rotation.guided.2', 'rotation.guided.3', 'rotation.guided.4', 'rotation.guided.5'] as const;

/**
 * Certificate rotation without downtime: the active and passive trust certificates, which one S/4HANA holds, the
 * assisted switch (confirmed, with roll-back) and the same order spelled out for admins who do it by hand.
 * The panel reads SAP only once it is opened.
 */
export function TrustRotationPanel({ tenantId, connectionId, connectionName, role }: TrustRotationPanelProps) {
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [confirmingRenew, setConfirmingRenew] = useState(false);
  const status = useTrustRotation(tenantId, connectionId, open);
  const generate = useGeneratePassiveCertificate();
  const rotate = useRotateTrustCertificate();
  const s = status.data;
  const mayChange = roleAllows(role, 'operator');
  const input = { tenantId, connectionId };

  return (
    <Panel
      collapsed={!open}
      onToggle={() => setOpen((wasOpen) => !wasOpen)}
      headerText={t('rotation.title')}
      headerLevel="H3"
      className="trust-rotation"
      data-testid="trust-rotation"
    >
      <FlexBox direction="Column" className="assisted-content">
        <Text className="muted instructions">{t('rotation.intro')}</Text>
        <ErrorStrip error={status.error ?? generate.error} />
        {status.isFetching && <BusyIndicator active delay={200} />}
        {s && (
          <FactList
            facts={[
              { label: t('rotation.active'), value: <Text data-testid="rotation-active">{describe(s.active)}</Text> },
              { label: t('rotation.passive'), value: <Text data-testid="rotation-passive">{describe(s.passive)}</Text> },
              { label: t('rotation.s4Holds'), value: <Text data-testid="rotation-s4-holds" data-holds={s.s4Holds}>{t(`rotation.holds.${s.s4Holds}`)}</Text> },
              { label: t('rotation.readAt'), value: <Text>{formatDateTime(s.readAt)}</Text> },
            ]}
          />
        )}
        {s?.blockers.map((blocker) => (
          <MessageStrip key={blocker} design="Information" hideCloseButton>
            {blocker}
          </MessageStrip>
        ))}
        <FlexBox alignItems="Center" wrap="Wrap" className="gap">
          <Button icon="refresh" disabled={!open} onClick={() => void status.refetch()}>
            {t('rotation.read')}
          </Button>
          {mayChange && s?.active && (
            <Button
              icon="create"
              loading={generate.isPending}
              loadingDelay={200}
              // S/4 holds the passive one already (uploaded by hand): replacing it needs a second thought.
              onClick={() => (s.s4Holds === 'passive' ? setConfirmingRenew(true) : generate.mutate(input))}
            >
              {s.passive ? t('rotation.renewPassive') : t('rotation.generatePassive')}
            </Button>
          )}
          {s?.passive && (
            <Button icon="download" onClick={() => downloadPem(s.passive!.pem, connectionName)}>
              {t('rotation.downloadPassive')}
            </Button>
          )}
          {mayChange && s && (
            <Button design="Emphasized" icon="synchronize" disabled={s.blockers.length > 0 || rotate.isPending} onClick={() => setConfirming(true)}>
              {t('rotation.switch')}
            </Button>
          )}
        </FlexBox>
        {rotate.data && <TrustRotationResultView result={rotate.data} />}
        <Title level="H5">{t('rotation.guided.title')}</Title>
        <ol className="rotation-guided">
          {GUIDED_STEPS.map((key) => (
            <li key={key}>
              <Text>{t(key)}</Text>
            </li>
          ))}
        </ol>
      </FlexBox>
      {confirmingRenew && (
        <FormDialog
          open
          headerText={t('rotation.renew.title')}
          submitText={t('rotation.renew.submit')}
          submitDesign="Negative"
          busy={generate.isPending}
          error={generate.error}
          onSubmit={() => generate.mutate(input, { onSettled: () => setConfirmingRenew(false) })}
          onClose={() => !generate.isPending && setConfirmingRenew(false)}
        >
          <Text>{t('rotation.renew.text')}</Text>
        </FormDialog>
      )}
      {confirming && (
        <FormDialog
          open
          headerText={t('rotation.confirm.title')}
          submitText={t('rotation.confirm.submit')}
          busy={rotate.isPending}
          error={rotate.error}
          onSubmit={() => rotate.mutate(input, { onSettled: () => setConfirming(false) })}
          onClose={() => !rotate.isPending && setConfirming(false)}
        >
          <Text>{t('rotation.confirm.text')}</Text>
        </FormDialog>
      )}
    </Panel>
  );
}
