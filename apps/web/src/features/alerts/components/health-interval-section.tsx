import { PutTenantHealthSettingsSchema, TENANT_HEALTH_INTERVAL_MAX_MINUTES, TENANT_HEALTH_INTERVAL_MIN_MINUTES, type TenantHealthSettings } from '@tcc/shared';
import { BusyIndicator, Button, FlexBox, Label, MessageStrip, ObjectStatus, Panel, RadioButton, Text } from '@ui5/webcomponents-react';
import { useState } from 'react';
import { ErrorStrip } from '../../../components/error-strip';
import { FactList } from '../../../components/fact-list';
import { FormInput } from '../../../components/form-input';
import { useToast } from '../../../components/toast-provider';
import { t } from '../../../i18n';
import { apiFieldError } from '../../../lib/api-client';
import { focusFirstInvalid } from '../../../utils/focus';
import { fieldErrors } from '../../../utils/zod-errors';
import { useHealthSettings } from '../api/get-health-settings';
import { usePutHealthSettings } from '../api/put-health-settings';

const MINUTES_ID = 'health-interval-minutes';

/** "Every 15 minutes" from the server's seconds (a server default need not be whole minutes). */
export function formatInterval(seconds: number): string {
  if (seconds % 60 !== 0) return t('alerts.interval.everySeconds', { seconds });
  const minutes = seconds / 60;
  return minutes === 1 ? t('alerts.interval.everyMinute') : t('alerts.interval.everyMinutes', { minutes });
}

/** Admins only: own interval in minutes or the server's default, validated with the shared schema before it is sent. */
function IntervalForm({ tenantId, settings }: { tenantId: string; settings: TenantHealthSettings }) {
  const toast = useToast();
  const put = usePutHealthSettings();
  const [own, setOwn] = useState(settings.intervalMinutes !== null);
  const [minutes, setMinutes] = useState(settings.intervalMinutes === null ? '' : String(settings.intervalMinutes));
  const [error, setError] = useState<string>();

  const submit = () => {
    // An empty field is no number at all (NaN), so the schema says "enter whole minutes" rather than "at least 5".
    const intervalMinutes = own ? (minutes.trim() === '' ? Number.NaN : Number(minutes)) : null;
    const parsed = PutTenantHealthSettingsSchema.safeParse({ intervalMinutes });
    if (!parsed.success) {
      setError(fieldErrors(parsed.error).intervalMinutes);
      return focusFirstInvalid([MINUTES_ID]);
    }
    setError(undefined);
    put.mutate({ tenantId, body: parsed.data }, { onSuccess: (saved) => toast(t('alerts.interval.saved', { interval: formatInterval(saved.effectiveIntervalSeconds) })) });
  };

  const choose = (next: boolean) => {
    setOwn(next);
    setError(undefined);
    put.reset();
  };

  return (
    <FlexBox direction="Column" className="monitoring-form">
      <FlexBox direction="Column" role="radiogroup" aria-labelledby="health-interval-source-label">
        <Label id="health-interval-source-label" showColon>{t('alerts.interval.source')}</Label>
        <FlexBox wrap="Wrap" className="gap">
          <RadioButton name="health-interval-source" text={t('alerts.interval.serverDefault')} checked={!own} onChange={() => choose(false)} />
          <RadioButton name="health-interval-source" text={t('alerts.interval.own')} checked={own} onChange={() => choose(true)} />
        </FlexBox>
      </FlexBox>
      {own && (
        <FlexBox direction="Column" className="monitoring-interval-field">
          <FormInput
            id={MINUTES_ID}
            label={t('alerts.interval.minutes')}
            type="Number"
            value={minutes}
            required
            error={error ?? apiFieldError(put.error, 'intervalMinutes')}
            onChange={(value) => {
              setMinutes(value);
              setError(undefined);
            }}
          />
          <Text className="muted">{t('alerts.interval.range', { min: TENANT_HEALTH_INTERVAL_MIN_MINUTES, max: TENANT_HEALTH_INTERVAL_MAX_MINUTES })}</Text>
        </FlexBox>
      )}
      {/* UI5 shows a field's message only while it has focus: the same text stays readable here too. */}
      {error && (
        <MessageStrip design="Negative" hideCloseButton data-testid="health-interval-error">
          {error}
        </MessageStrip>
      )}
      <ErrorStrip error={put.error} shownFields={['intervalMinutes']} />
      <FlexBox>
        <Button design="Emphasized" icon="save" loading={put.isPending} loadingDelay={200} onClick={submit}>
          {t('alerts.interval.save')}
        </Button>
      </FlexBox>
    </FlexBox>
  );
}

/** How often this tenant's connections are checked, whether this server checks on a schedule at all, and (admins) the form. */
export function HealthIntervalSection({ tenantId, canEdit }: { tenantId: string; canEdit: boolean }) {
  const settings = useHealthSettings(tenantId);
  const s = settings.data;
  return (
    <Panel fixed headerText={t('alerts.interval.title')} headerLevel="H3" className="monitoring-section" data-testid="health-interval">
      <FlexBox direction="Column" className="monitoring-content">
        <Text className="muted instructions">{t('alerts.interval.text')}</Text>
        <ErrorStrip error={settings.error} />
        {settings.isPending && <BusyIndicator active delay={200} />}
        {s && (
          <>
            <FactList
              facts={[
                { label: t('alerts.interval.effective'), value: <Text data-testid="health-interval-effective">{formatInterval(s.effectiveIntervalSeconds)}</Text> },
                { label: t('alerts.interval.from'), value: <Text data-testid="health-interval-from">{s.intervalMinutes === null ? t('alerts.interval.serverDefault') : t('alerts.interval.ownValue')}</Text> },
                {
                  label: t('alerts.interval.scheduled'),
                  value: (
                    <ObjectStatus state={s.scheduledChecks ? 'Positive' : 'Critical'} showDefaultIcon data-scheduled={String(s.scheduledChecks)}>
                      {s.scheduledChecks ? t('alerts.interval.scheduledOn') : t('alerts.interval.scheduledOff')}
                    </ObjectStatus>
                  ),
                },
              ]}
            />
            {!s.scheduledChecks && (
              <MessageStrip design="Information" hideCloseButton>
                {t('alerts.interval.scheduledOffHint')}
              </MessageStrip>
            )}
            {canEdit && <IntervalForm tenantId={tenantId} settings={s} />}
          </>
        )}
      </FlexBox>
    </Panel>
  );
}
