import { CommunicationPasswordSchema, type ConnectionDetail, type CredentialsStatus, type PutCredentials } from '@tcc/shared';
import { CheckBox, FileUploader, FlexBox, Label, MessageStrip, Text, TextArea, type FileUploaderPropTypes } from '@ui5/webcomponents-react';
import { useState } from 'react';
import { ErrorStrip } from '../../../components/error-strip';
import { FormDialog } from '../../../components/form-dialog';
import { FormInput } from '../../../components/form-input';
import { useToast } from '../../../components/toast-provider';
import { t } from '../../../i18n';
import { apiFieldError } from '../../../lib/api-client';
import { formatDateTime } from '../../../utils/format';
import { focusFirstInvalid } from '../../../utils/focus';
import { usePutCredentials } from '../api/put-credentials';

/** The server takes at most 16 KiB of key text; a real key is about 1 KiB. */
const SERVICE_KEY_MAX_BYTES = 16_384;

const FIELD_IDS = {
  destinationServiceKey: 'credentials-service-key',
  communicationManagementUser: 'credentials-management-user',
  communicationManagementPassword: 'credentials-management-password',
  taskCenterUserPassword: 'credentials-task-center-password',
  testUserName: 'credentials-test-user',
  testUserPassword: 'credentials-test-password',
} as const;
type Field = keyof typeof FIELD_IDS;
const SHOWN_FIELDS = Object.keys(FIELD_IDS);

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

interface CredentialsDialogProps {
  connection: ConnectionDetail;
  status: CredentialsStatus;
  onClose: () => void;
  /** Offered when the connection changed meanwhile (409): refetches it, and the dialog keeps what was typed. */
  onReload: () => void;
}

/** Admins only. Write-only: what is stored is never shown, and only the fields filled in are sent. */
export function CredentialsDialog({ connection, status, onClose, onReload }: CredentialsDialogProps) {
  const toast = useToast();
  const put = usePutCredentials();
  const storedUser = status.communicationManagement.user ?? '';
  const [serviceKey, setServiceKey] = useState('');
  const [managementUser, setManagementUser] = useState(storedUser);
  const [managementPassword, setManagementPassword] = useState('');
  // Generating again would replace a password the communication user in SAP already has: on only when none is stored.
  const [generate, setGenerate] = useState(!status.taskCenterUserPassword.set);
  const [taskCenterPassword, setTaskCenterPassword] = useState('');
  const storedTestUser = status.testUser.user ?? '';
  const [testUser, setTestUser] = useState(storedTestUser);
  const [testPassword, setTestPassword] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field | 'form', string>>>({});

  const clearError = (field: Field | 'form') => setErrors((prev) => ({ ...prev, [field]: undefined, form: undefined }));
  const errorOf = (field: Field) => errors[field] ?? apiFieldError(put.error, field);

  const handleFile: FileUploaderPropTypes['onChange'] = async (event) => {
    const file = event.detail.files?.[0];
    if (!file) return;
    if (file.size > SERVICE_KEY_MAX_BYTES) return setErrors((prev) => ({ ...prev, destinationServiceKey: t('credentials.error.fileTooLarge', { kib: SERVICE_KEY_MAX_BYTES / 1024 }) }));
    try {
      setServiceKey(await file.text());
      clearError('destinationServiceKey');
    } catch {
      setErrors((prev) => ({ ...prev, destinationServiceKey: t('credentials.error.fileRead') }));
    }
  };

  const submit = () => {
    const found: Partial<Record<Field | 'form', string>> = {};
    const body: Omit<PutCredentials, 'version'> = {};
    if (serviceKey.trim() !== '') {
      if (isJsonObject(serviceKey)) body.destinationServiceKey = serviceKey.trim();
      else found.destinationServiceKey = t('credentials.error.json');
    }
    const user = managementUser.trim();
    const userChanged = user !== storedUser;
    if (managementPassword !== '' || (userChanged && user !== '')) {
      if (user === '') found.communicationManagementUser = t('credentials.error.userRequired');
      else if (managementPassword === '') found.communicationManagementPassword = t('credentials.error.passwordRequired');
      else Object.assign(body, { communicationManagementUser: user, communicationManagementPassword: managementPassword });
    }
    const tester = testUser.trim();
    if (testPassword !== '' || (tester !== storedTestUser && tester !== '')) {
      if (tester === '') found.testUserName = t('credentials.error.userRequired');
      else if (testPassword === '') found.testUserPassword = t('credentials.error.passwordRequired');
      else Object.assign(body, { testUserName: tester, testUserPassword: testPassword });
    }
    if (generate) body.generateTaskCenterUserPassword = true;
    else if (taskCenterPassword !== '') {
      const parsed = CommunicationPasswordSchema.safeParse(taskCenterPassword);
      if (parsed.success) body.taskCenterUserPassword = taskCenterPassword;
      else found.taskCenterUserPassword = parsed.error.issues[0]?.message;
    }
    if (Object.keys(found).length === 0 && Object.keys(body).length === 0) found.form = t('credentials.error.nothing');
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(Object.entries(FIELD_IDS).filter(([field]) => found[field as Field]).map(([, id]) => id));
    put.mutate(
      { tenantId: connection.tenantId, connectionId: connection.id, body: { ...body, version: connection.version } },
      {
        onSuccess: () => {
          toast(t('credentials.saved'));
          onClose();
        },
      },
    );
  };

  const keyError = errorOf('destinationServiceKey');
  const storedClientId = status.destinationServiceKey.set ? status.destinationServiceKey.clientId : null;
  return (
    <FormDialog
      open
      headerText={t('credentials.dialog.title')}
      submitText={t('common.save')}
      busy={put.isPending}
      error={errors.form ? new Error(errors.form) : undefined}
      onSubmit={submit}
      onClose={onClose}
    >
      <Text className="muted">{t('credentials.dialog.intro')}</Text>
      <FlexBox direction="Column" className="form-field">
        <Label for={FIELD_IDS.destinationServiceKey} showColon>
          {t('credentials.field.serviceKey')}
        </Label>
        {storedClientId && <Text className="muted">{t('credentials.field.serviceKey.stored', { clientId: storedClientId })}</Text>}
        <TextArea
          id={FIELD_IDS.destinationServiceKey}
          value={serviceKey}
          rows={6}
          accessibleName={t('credentials.field.serviceKey')}
          placeholder={t('credentials.field.serviceKey.placeholder')}
          maxlength={SERVICE_KEY_MAX_BYTES}
          valueState={keyError ? 'Negative' : 'None'}
          valueStateMessage={keyError ? <div>{keyError}</div> : undefined}
          onInput={(event) => {
            setServiceKey(event.target.value);
            clearError('destinationServiceKey');
          }}
          className="full-width mono"
        />
      </FlexBox>
      <FlexBox direction="Column" className="form-field">
        <Label for="credentials-service-key-file" showColon>
          {t('credentials.field.upload')}
        </Label>
        <FileUploader
          id="credentials-service-key-file"
          accept=".json,application/json"
          accessibleName={t('credentials.field.upload')}
          placeholder={t('credentials.field.upload.placeholder')}
          onChange={handleFile}
          className="file-uploader"
        />
      </FlexBox>
      <Text className="muted">{t('credentials.field.managementHint')}</Text>
      {status.communicationManagement.refusedAt && (
        // S/4 refused this password: the product sends it no more (a user locks after failed logons) until it is saved again.
        <MessageStrip design="Negative" hideCloseButton data-refused="communicationManagement">
          {t('credentials.field.managementRefused', { date: formatDateTime(status.communicationManagement.refusedAt) })}
        </MessageStrip>
      )}
      <FormInput
        id={FIELD_IDS.communicationManagementUser}
        label={t('credentials.field.managementUser')}
        name="username"
        value={managementUser}
        maxlength={40}
        error={errorOf('communicationManagementUser')}
        onChange={(value) => {
          setManagementUser(value);
          clearError('communicationManagementUser');
        }}
      />
      <FormInput
        id={FIELD_IDS.communicationManagementPassword}
        label={t('credentials.field.managementPassword')}
        type="Password"
        name="password"
        value={managementPassword}
        maxlength={128}
        error={errorOf('communicationManagementPassword')}
        onChange={(value) => {
          setManagementPassword(value);
          clearError('communicationManagementPassword');
        }}
      />
      <FlexBox direction="Column">
        <CheckBox
          text={t('credentials.field.generate')}
          checked={generate}
          onChange={(event) => {
            setGenerate(event.target.checked);
            clearError('taskCenterUserPassword');
          }}
        />
        <Text className="muted form-hint-indented">{t('credentials.field.generateHint')}</Text>
      </FlexBox>
      {!generate && (
        <FlexBox direction="Column" className="form-field">
          <FormInput
            id={FIELD_IDS.taskCenterUserPassword}
            label={t('credentials.field.taskCenterPassword')}
            type="Password"
            value={taskCenterPassword}
            maxlength={128}
            error={errorOf('taskCenterUserPassword')}
            onChange={(value) => {
              setTaskCenterPassword(value);
              clearError('taskCenterUserPassword');
            }}
          />
          {status.taskCenterUserPassword.set && <Text className="muted">{t('credentials.field.taskCenterPassword.keep')}</Text>}
        </FlexBox>
      )}
      <Text className="muted">{t(connection.sandbox ? 'credentials.field.testUserHint.sandbox' : 'credentials.field.testUserHint')}</Text>
      <FormInput
        id={FIELD_IDS.testUserName}
        label={t('credentials.field.testUser')}
        value={testUser}
        maxlength={256}
        error={errorOf('testUserName')}
        onChange={(value) => {
          setTestUser(value);
          clearError('testUserName');
        }}
      />
      <FormInput
        id={FIELD_IDS.testUserPassword}
        label={t('credentials.field.testPassword')}
        type="Password"
        value={testPassword}
        maxlength={256}
        error={errorOf('testUserPassword')}
        onChange={(value) => {
          setTestPassword(value);
          clearError('testUserPassword');
        }}
      />
      <ErrorStrip error={put.error} onReload={onReload} shownFields={SHOWN_FIELDS} />
    </FormDialog>
  );
}
