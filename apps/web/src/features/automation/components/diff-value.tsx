import type { FieldDiff } from '@tcc/shared';
import { Text } from '@ui5/webcomponents-react';
import { t } from '../../../i18n';

/** One side of a field diff: a secret is never shown, an absent value says so. */
export function DiffValue({ diff, value }: { diff: FieldDiff; value: string | null }) {
  if (diff.secret) return <Text className="muted">{t('plan.diff.hidden')}</Text>;
  if (value === null || value === '') return <Text className="muted">{t('plan.diff.empty')}</Text>;
  return <Text className="mono break">{value}</Text>;
}
