import { API_ROUTES, AUDIT_RESULTS, LIMITS, type AuditQuery } from '@tcc/shared';
import { Button, DatePicker, FlexBox, Input, Label, Option, Select, type DatePickerPropTypes } from '@ui5/webcomponents-react';
import { useId, useState } from 'react';
import { t } from '../../../i18n';
import { actionLabel } from './action-label';

/** What the user chose; dates as yyyy-MM-dd in the user's time zone, turned into ISO date-times for the server. */
export interface AuditFilters {
  result: AuditQuery['result'];
  actor: string;
  action: string;
  fromDate: string;
  toDate: string;
}

export const EMPTY_AUDIT_FILTERS: AuditFilters = { result: undefined, actor: '', action: '', fromDate: '', toDate: '' };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Local midnight at the start of the "from" day, and the last millisecond of the "to" day, as UTC ISO date-times. */
const startOfDay = (date: string) => (DATE.test(date) ? new Date(`${date}T00:00:00`).toISOString() : undefined);
const endOfDay = (date: string) => (DATE.test(date) ? new Date(`${date}T23:59:59.999`).toISOString() : undefined);

/** The query the table and the CSV export send. */
export function auditQueryOf(filters: AuditFilters): Omit<Partial<AuditQuery>, 'page' | 'pageSize'> {
  return {
    result: filters.result,
    actor: filters.actor.trim() || undefined,
    action: filters.action.trim() || undefined,
    from: startOfDay(filters.fromDate),
    to: endOfDay(filters.toDate),
  };
}

interface TextFilterProps {
  label: string;
  placeholder: string;
  value: string;
  onCommit: (value: string) => void;
}

/** Applied on Enter or when focus leaves the field: the server matches exactly, so partial text would only show nothing. */
function TextFilter({ label, placeholder, value, onCommit }: TextFilterProps) {
  const id = useId();
  const [text, setText] = useState(value);
  return (
    <FlexBox direction="Column" className="form-field audit-filter">
      <Label for={id} showColon>
        {label}
      </Label>
      <Input
        id={id}
        value={text}
        accessibleName={label}
        placeholder={placeholder}
        maxlength={LIMITS.searchTextMax}
        showClearIcon
        onInput={(event) => {
          setText(event.target.value);
          // The clear icon empties the field without a change event.
          if (event.target.value === '') onCommit('');
        }}
        onChange={(event) => onCommit(event.target.value)}
        className="full-width"
      />
    </FlexBox>
  );
}

interface DateFilterProps {
  label: string;
  value: string;
  onCommit: (value: string) => void;
}

function DateFilter({ label, value, onCommit }: DateFilterProps) {
  const id = useId();
  const [invalid, setInvalid] = useState(false);
  const handleChange: DatePickerPropTypes['onChange'] = (event) => {
    setInvalid(!event.detail.valid);
    if (event.detail.valid) onCommit(event.detail.value);
  };
  return (
    <FlexBox direction="Column" className="form-field audit-filter">
      <Label for={id} showColon>
        {label}
      </Label>
      <DatePicker
        id={id}
        value={value}
        valueFormat="yyyy-MM-dd"
        displayFormat="medium"
        accessibleName={label}
        valueState={invalid ? 'Negative' : 'None'}
        valueStateMessage={invalid ? <div>{t('audit.filter.invalidDate')}</div> : undefined}
        onChange={handleChange}
        className="full-width"
      />
    </FlexBox>
  );
}

/** Every action the log can hold: the routes that change something. */
const AUDITED_ACTIONS = Object.entries(API_ROUTES)
  .filter(([, route]) => route.method !== 'get')
  .map(([name]) => name);

/** A Select with "All" first; '' stands for All. */
function ChoiceFilter({ label, allLabel, value, choices, onChange }: { label: string; allLabel: string; value: string; choices: { value: string; label: string }[]; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <FlexBox direction="Column" className="form-field audit-filter">
      <Label for={id} showColon>
        {label}
      </Label>
      <Select id={id} value={value || 'all'} accessibleName={label} onChange={(event) => onChange(event.detail.selectedOption.dataset.value ?? '')} className="full-width">
        <Option value="all" data-value="">
          {allLabel}
        </Option>
        {choices.map((choice) => (
          <Option key={choice.value} value={choice.value} data-value={choice.value}>
            {choice.label}
          </Option>
        ))}
      </Select>
    </FlexBox>
  );
}

interface AuditFilterBarProps {
  filters: AuditFilters;
  onChange: (filters: AuditFilters) => void;
}

/** The Fiori filter bar, kept simple: each filter applies as soon as it is set. */
export function AuditFilterBar({ filters, onChange }: AuditFilterBarProps) {
  // Remounting the fields on "Clear filters" resets what they show.
  const [generation, setGeneration] = useState(0);
  const set = <K extends keyof AuditFilters>(key: K) => (value: AuditFilters[K]) => {
    if (filters[key] !== value) onChange({ ...filters, [key]: value });
  };
  const active = JSON.stringify(filters) !== JSON.stringify(EMPTY_AUDIT_FILTERS);

  return (
    <FlexBox wrap="Wrap" alignItems="End" className="audit-filter-bar" role="search" aria-label={t('audit.filters')} key={generation}>
      <ChoiceFilter
        label={t('audit.filter.result')}
        allLabel={t('audit.filter.result.all')}
        value={filters.result ?? ''}
        choices={AUDIT_RESULTS.map((result) => ({ value: result, label: t(`audit.result.${result}`) }))}
        onChange={(value) => set('result')(AUDIT_RESULTS.find((result) => result === value))}
      />
      <TextFilter label={t('audit.filter.actor')} placeholder={t('audit.filter.actor.placeholder')} value={filters.actor} onCommit={set('actor')} />
      {/* The actions by the names the log shows; the value sent is the route's name, which the server filters on. */}
      <ChoiceFilter
        label={t('audit.filter.action')}
        allLabel={t('audit.filter.action.all')}
        value={filters.action}
        choices={AUDITED_ACTIONS.map((action) => ({ value: action, label: actionLabel(action) }))}
        onChange={set('action')}
      />
      <DateFilter label={t('audit.filter.from')} value={filters.fromDate} onCommit={set('fromDate')} />
      <DateFilter label={t('audit.filter.to')} value={filters.toDate} onCommit={set('toDate')} />
      <Button
        design="Transparent"
        icon="clear-filter"
        disabled={!active}
        onClick={() => {
          onChange(EMPTY_AUDIT_FILTERS);
          setGeneration((g) => g + 1);
        }}
      >
        {t('audit.filter.clear')}
      </Button>
    </FlexBox>
  );
}
