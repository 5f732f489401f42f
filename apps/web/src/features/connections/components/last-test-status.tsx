import type { ConnectionSummary } from '@tcc/shared';
import { FlexBox, ObjectStatus, Text } from '@ui5/webcomponents-react';
import { t } from '../../../i18n';
import { formatDateTime } from '../../../utils/format';

const STATE = { succeeded: 'Positive', failed: 'Negative', 'not-tested': 'Critical' } as const satisfies Record<
  NonNullable<ConnectionSummary['lastTest']>['outcome'],
  string
>;

/** The outcome of the latest connection test and when it ran; "Never" before the first test. */
export function LastTestStatus({ lastTest }: { lastTest: ConnectionSummary['lastTest'] }) {
  if (!lastTest) return <ObjectStatus>{t('connections.lastTest.never')}</ObjectStatus>;
  return (
    <FlexBox direction="Column" data-outcome={lastTest.outcome}>
      <ObjectStatus state={STATE[lastTest.outcome]} showDefaultIcon>
        {t(`connections.lastTest.${lastTest.outcome}`)}
      </ObjectStatus>
      <Text className="muted">{lastTest.current ? formatDateTime(lastTest.at) : t('connections.lastTest.before', { at: formatDateTime(lastTest.at) })}</Text>
    </FlexBox>
  );
}
