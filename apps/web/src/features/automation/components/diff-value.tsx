import type { FieldDiff } from '@tcc/shared';
import { Text } from '@ui5/webcomponents-react';
import { t } from '../../../i18n';

/** One side of a field diff: a secret is never shown, an absent value says so, a value S/4 assigns in the run is named. */
export function DiffValue({ diff, value, side = 'current' }: { diff: FieldDiff; value: string | null; side?: 'current' | 'desired' }) {
  if (diff.secret) return <Text className="muted">{t('plan.diff.hidden')}</Text>;
  if (side === 'desired' && diff.pending === 's4ClientId') return <Text className="muted">{t('plan.diff.newClientId')}</Text>;
  if (value === null || value === '') return <Text className="muted">{t('plan.diff.empty')}</Text>;
  return <Text className="mono break">{value}</Text>;
}
