import { Bar, Button, Dialog, FlexBox, MessageStrip, Text } from '@ui5/webcomponents-react';
import { CopyField } from '../../../components/copy-field';
import { t } from '../../../i18n';

interface ChannelSecretDialogProps {
  channelName: string;
  secret: string;
  onClose: () => void;
}

/** The one time a generated webhook secret is shown: the server keeps it encrypted and never answers it again. */
export function ChannelSecretDialog({ channelName, secret, onClose }: ChannelSecretDialogProps) {
  return (
    <Dialog
      open
      headerText={t('alerts.secret.dialogTitle', { name: channelName })}
      onClose={onClose}
      className="form-dialog"
      footer={<Bar design="Footer" endContent={<Button design="Emphasized" onClick={onClose}>{t('alerts.secret.done')}</Button>} />}
    >
      <FlexBox direction="Column" className="form-dialog-content">
        <MessageStrip design="Critical" hideCloseButton>
          {t('alerts.secret.onceWarning')}
        </MessageStrip>
        <CopyField id="alert-channel-new-secret" label={t('alerts.field.secret')} value={secret} missingText="" />
        <Text className="muted">{t('alerts.secret.verifyHint')}</Text>
      </FlexBox>
    </Dialog>
  );
}
