import type { ConnectionDetail } from '@tcc/shared';
import { FlexBox, Table, TableCell, TableHeaderCell, TableHeaderRow, TableRow, Tag, Text, Title } from '@ui5/webcomponents-react';
import { CopyButton } from '../../../../components/copy-button';
import { t } from '../../../../i18n';
import { stepProviding } from './step-copy-values';

type Property = ConnectionDetail['destination'][number];

function ValueCell({ property, stepId }: { property: Property; stepId: number }) {
  if (property.secret) return <Text className="muted">{t('destination.secret')}</Text>;
  if (property.value !== null) return <Text className="mono break">{property.value}</Text>;
  const step = property.from ? stepProviding(property.from) : undefined;
  if (step === stepId) return <Text className="muted">{t('destination.missingHere')}</Text>;
  return <Text className="muted">{step === undefined ? t('wizard.valueMissingNoStep') : t('destination.missing', { step })}</Text>;
}

/** The password never reaches this app, so "all" means every known non-secret property. */
function asJson(properties: Property[]): string {
  const known = properties.filter((p) => !p.secret && p.value !== null).map((p) => [p.key, p.value]);
  return JSON.stringify(Object.fromEntries(known), null, 2);
}

/** Step 20: every property of the Task Center destination, in the order the cockpit asks for them. */
export function DestinationProperties({ properties, stepId }: { properties: Property[]; stepId: number }) {
  return (
    <FlexBox direction="Column" className="step-section">
      <FlexBox alignItems="Center" justifyContent="SpaceBetween" wrap="Wrap">
        <Title level="H4" size="H5">{t('destination.title')}</Title>
        <FlexBox alignItems="Center" className="gap">
          <Text className="muted">{t('destination.copyAllHint')}</Text>
          <CopyButton text={asJson(properties)} label={t('destination.copyAll')}>{t('destination.copyAll')}</CopyButton>
        </FlexBox>
      </FlexBox>
      <Table
        accessibleName={t('destination.table')}
        overflowMode="Popin"
        headerRow={
          <TableHeaderRow>
            <TableHeaderCell minWidth="12rem">{t('destination.key')}</TableHeaderCell>
            <TableHeaderCell minWidth="16rem">{t('destination.value')}</TableHeaderCell>
            <TableHeaderCell horizontalAlign="End" width="4rem">{t('common.actions')}</TableHeaderCell>
          </TableHeaderRow>
        }
      >
        {properties.map((property) => (
          <TableRow key={property.key} rowKey={property.key}>
            <TableCell>
              <FlexBox direction="Column" alignItems="Start">
                <Text className="mono">{property.key}</Text>
                {property.additional && <Tag design="Information" hideStateIcon size="S">{t('destination.additional')}</Tag>}
              </FlexBox>
            </TableCell>
            <TableCell><ValueCell property={property} stepId={stepId} /></TableCell>
            <TableCell horizontalAlign="End">
              {property.value !== null && <CopyButton text={property.value} label={property.key} />}
            </TableCell>
          </TableRow>
        ))}
      </Table>
    </FlexBox>
  );
}
