import { Button, FlexBox, Label, Option, Select, type SelectPropTypes } from '@ui5/webcomponents-react';
import { useId } from 'react';
import { t } from '../i18n';
import '@ui5/webcomponents-icons/dist/v5/sort-ascending.js';
import '@ui5/webcomponents-icons/dist/v5/sort-descending.js';

export type SortOrder = 'asc' | 'desc';

interface SortControlProps<K extends string> {
  keys: readonly K[];
  labelOf: (key: K) => string;
  sort: K;
  order: SortOrder;
  onChange: (sort: K, order: SortOrder) => void;
}

/** ui5 Table has no header-click sorting, so sorting is a Select plus an order toggle (Fiori "sort" pattern). */
export function SortControl<K extends string>({ keys, labelOf, sort, order, onChange }: SortControlProps<K>) {
  const id = useId();
  const handleChange: SelectPropTypes['onChange'] = (event) => onChange(event.detail.selectedOption.dataset.key as K, order);
  const nextOrder: SortOrder = order === 'asc' ? 'desc' : 'asc';
  return (
    <FlexBox alignItems="Center" className="sort-control">
      <Label for={id} showColon>
        {t('common.sortBy')}
      </Label>
      <Select id={id} onChange={handleChange} accessibleName={t('common.sortBy')} value={sort}>
        {keys.map((key) => (
          <Option key={key} value={key} data-key={key}>
            {labelOf(key)}
          </Option>
        ))}
      </Select>
      <Button
        design="Transparent"
        icon={order === 'asc' ? 'sort-ascending' : 'sort-descending'}
        accessibleName={nextOrder === 'asc' ? t('common.sortAscending') : t('common.sortDescending')}
        tooltip={nextOrder === 'asc' ? t('common.sortAscending') : t('common.sortDescending')}
        onClick={() => onChange(sort, nextOrder)}
      />
    </FlexBox>
  );
}
