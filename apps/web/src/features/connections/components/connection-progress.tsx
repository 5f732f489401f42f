import type { ConnectionSummary } from '@tcc/shared';
import { FlexBox, ProgressIndicator, Text } from '@ui5/webcomponents-react';
import { t } from '../../../i18n';

export function ConnectionProgress({ progress, state }: Pick<ConnectionSummary, 'progress' | 'state'>) {
  const text = t('connections.progress', progress);
  const percent = progress.total === 0 ? 0 : Math.round((progress.finished / progress.total) * 100);
  const valueState = state === 'working' ? 'Positive' : state === 'needs_attention' ? 'Negative' : 'None';
  return (
    <FlexBox direction="Column" className="connection-progress">
      <Text>{text}</Text>
      <ProgressIndicator value={percent} hideValue valueState={valueState} accessibleName={text} />
    </FlexBox>
  );
}
