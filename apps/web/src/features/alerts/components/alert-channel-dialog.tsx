import { ALERT_CHANNEL_KINDS, CreateAlertChannelSchema, UpdateAlertChannelSchema, type AlertChannel, type AlertChannelKind } from '@tcc/shared';
import { CheckBox, FlexBox, Label, Option, RadioButton, Select, Text } from '@ui5/webcomponents-react';
import { useState } from 'react';
import type { z } from 'zod';
import { FormDialog } from '../../../components/form-dialog';
import { FormInput } from '../../../components/form-input';
import { t } from '../../../i18n';
import { apiFieldError } from '../../../lib/api-client';
import { focusFirstInvalid } from '../../../utils/focus';
import { fieldErrors } from '../../../utils/zod-errors';
import { useCreateAlertChannel } from '../api/create-alert-channel';
import { useUpdateAlertChannel } from '../api/update-alert-channel';

const FIELD_IDS = {
  name: 'alert-channel-name',
  recipients: 'alert-channel-recipients',
  url: 'alert-channel-url',
  secret: 'alert-channel-secret',
} as const;
type Field = keyof typeof FIELD_IDS;
const SHOWN_FIELDS = Object.keys(FIELD_IDS);

/** What to do with a stored webhook secret when editing: it is never shown, only kept or replaced. */
type SecretChoice = 'keep' | 'own' | 'rotate';

/** "a@x.com, b@y.com" or one per line → the addresses; the shared schema then checks each. */
const splitRecipients = (text: string) => text.split(/[\s,;]+/).map((r) => r.trim()).filter(Boolean);

interface AlertChannelDialogProps {
  tenantId: string;
  /** Absent: add a channel; present: change it. */
  channel?: AlertChannel;
  onClose: () => void;
  /** The saved channel, with a secret the server generated (shown once) or null. */
  onSaved: (channel: AlertChannel, secret: string | null) => void;
}

/** Add or change an alert channel, validated with the shared schemas; the webhook secret is write-only. */
export function AlertChannelDialog({ tenantId, channel, onClose, onSaved }: AlertChannelDialogProps) {
  const create = useCreateAlertChannel();
  const update = useUpdateAlertChannel();
  const mutation = channel ? update : create;
  // Webhook first: e-mail needs an SMTP server configured for this server, a webhook only a receiver.
  const [kind, setKind] = useState<AlertChannelKind>(channel?.kind ?? 'webhook');
  const [name, setName] = useState(channel?.name ?? '');
  const [recipients, setRecipients] = useState((channel?.recipients ?? []).join(', '));
  const [url, setUrl] = useState(channel?.url ?? '');
  const [secretChoice, setSecretChoice] = useState<SecretChoice>('keep');
  const [secret, setSecret] = useState('');
  const [digest, setDigest] = useState(channel?.digest ?? false);
  const [enabled, setEnabled] = useState(channel?.enabled ?? true);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});

  const errorOf = (field: Field) => errors[field] ?? apiFieldError(mutation.error, field);
  const edit = (field: Field, set: (value: string) => void) => (value: string) => {
    set(value);
    setErrors((prev) => ({ ...prev, [field]: undefined }));
  };

  const invalid = (error: z.ZodError) => {
    const found = fieldErrors(error) as Partial<Record<Field, string>>;
    setErrors(found);
    focusFirstInvalid(Object.entries(FIELD_IDS).filter(([field]) => found[field as Field]).map(([, id]) => id));
  };

  // A refusal from the server (webhook policy, SMTP missing) puts focus on the field it names, as a local error does.
  const focusRefused = (error: unknown) => focusFirstInvalid(SHOWN_FIELDS.filter((field) => apiFieldError(error, field)).map((field) => FIELD_IDS[field as Field]));

  const submitCreate = () => {
    const body =
      kind === 'email'
        ? { kind, name, recipients: splitRecipients(recipients), digest, enabled }
        : { kind, name, url, ...(secret !== '' && { secret }), digest, enabled };
    const parsed = CreateAlertChannelSchema.safeParse(body);
    if (!parsed.success) return invalid(parsed.error);
    setErrors({});
    create.mutate({ tenantId, body: parsed.data }, { onSuccess: ({ secret: shown, ...saved }) => onSaved(saved, shown), onError: focusRefused });
  };

  const submitUpdate = (current: AlertChannel) => {
    // Only what changed is sent: an unchanged URL is not checked against the webhook policy again.
    const list = splitRecipients(recipients);
    const body = {
      ...(name !== current.name && { name }),
      ...(current.kind === 'email' && list.join(',') !== (current.recipients ?? []).join(',') && { recipients: list }),
      ...(current.kind === 'webhook' && url !== (current.url ?? '') && { url }),
      ...(current.kind === 'webhook' && secretChoice === 'own' && { secret }),
      ...(current.kind === 'webhook' && secretChoice === 'rotate' && { rotateSecret: true }),
      ...(digest !== current.digest && { digest }),
      ...(enabled !== current.enabled && { enabled }),
    };
    const parsed = UpdateAlertChannelSchema.safeParse(body);
    if (!parsed.success) return invalid(parsed.error);
    setErrors({});
    if (Object.keys(parsed.data).length === 0) return onClose();
    update.mutate({ tenantId, channelId: current.id, body: parsed.data }, { onSuccess: ({ secret: shown, ...saved }) => onSaved(saved, shown), onError: focusRefused });
  };

  return (
    <FormDialog
      open
      headerText={channel ? t('alerts.dialog.editTitle', { name: channel.name }) : t('alerts.dialog.createTitle')}
      submitText={channel ? t('common.save') : t('common.create')}
      busy={mutation.isPending}
      error={mutation.error}
      shownFields={SHOWN_FIELDS}
      onSubmit={() => (channel ? submitUpdate(channel) : submitCreate())}
      onClose={onClose}
    >
      <FlexBox direction="Column" className="form-field">
        <Label for="alert-channel-kind" showColon>{t('alerts.field.kind')}</Label>
        {channel ? (
          <Text id="alert-channel-kind">{t(`alerts.kind.${channel.kind}`)}</Text>
        ) : (
          <Select
            id="alert-channel-kind"
            value={kind}
            accessibleName={t('alerts.field.kind')}
            onChange={(event) => {
              setKind(event.detail.selectedOption.dataset.kind as AlertChannelKind);
              setErrors({});
              mutation.reset();
            }}
            className="full-width"
          >
            {[...ALERT_CHANNEL_KINDS].reverse().map((k) => (
              <Option key={k} value={k} data-kind={k}>
                {t(`alerts.kind.${k}`)}
              </Option>
            ))}
          </Select>
        )}
      </FlexBox>
      <FormInput id={FIELD_IDS.name} label={t('alerts.field.name')} value={name} onChange={edit('name', setName)} error={errorOf('name')} placeholder={t('alerts.field.name.placeholder')} maxlength={100} required />
      {kind === 'email' ? (
        <FlexBox direction="Column" className="form-field">
          <FormInput id={FIELD_IDS.recipients} label={t('alerts.field.recipients')} value={recipients} onChange={edit('recipients', setRecipients)} error={errorOf('recipients')} placeholder={t('alerts.field.recipients.placeholder')} required />
          <Text className="muted">{t('alerts.field.recipients.hint')}</Text>
        </FlexBox>
      ) : (
        <>
          <FlexBox direction="Column" className="form-field">
            <FormInput id={FIELD_IDS.url} label={t('alerts.field.url')} value={url} onChange={edit('url', setUrl)} error={errorOf('url')} placeholder={t('alerts.field.url.placeholder')} maxlength={2048} required />
            <Text className="muted">{t('alerts.field.url.hint')}</Text>
          </FlexBox>
          {channel && (
            <FlexBox direction="Column" role="radiogroup" aria-labelledby="alert-channel-secret-label" className="form-field">
              <Label id="alert-channel-secret-label" showColon>{t('alerts.field.secret')}</Label>
              <Text data-testid="alert-channel-secret-state">{channel.secretSet ? t('alerts.secret.isSet') : t('alerts.secret.notSet')}</Text>
              <RadioButton name="alert-channel-secret-choice" text={t('alerts.secret.keep')} checked={secretChoice === 'keep'} onChange={() => setSecretChoice('keep')} />
              <RadioButton name="alert-channel-secret-choice" text={t('alerts.secret.replace')} checked={secretChoice === 'own'} onChange={() => setSecretChoice('own')} />
              <RadioButton name="alert-channel-secret-choice" text={t('alerts.secret.rotate')} checked={secretChoice === 'rotate'} onChange={() => setSecretChoice('rotate')} />
            </FlexBox>
          )}
          {(!channel || secretChoice === 'own') && (
            <FlexBox direction="Column" className="form-field">
              <FormInput id={FIELD_IDS.secret} label={channel ? t('alerts.field.newSecret') : t('alerts.field.secret')} type="Password" value={secret} onChange={edit('secret', setSecret)} error={errorOf('secret')} maxlength={256} required={channel !== undefined} />
              <Text className="muted">{channel ? t('alerts.field.secret.replaceHint') : t('alerts.field.secret.hint')}</Text>
            </FlexBox>
          )}
        </>
      )}
      <FlexBox direction="Column">
        <CheckBox text={t('alerts.field.digest')} checked={digest} onChange={(event) => setDigest(event.target.checked)} />
        <Text className="muted form-hint-indented">{t('alerts.field.digest.hint')}</Text>
      </FlexBox>
      <CheckBox text={t('alerts.field.enabled')} checked={enabled} onChange={(event) => setEnabled(event.target.checked)} />
    </FormDialog>
  );
}
