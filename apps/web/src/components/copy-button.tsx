import { Button } from '@ui5/webcomponents-react';
import { t } from '../i18n';
import { copyText } from '../utils/clipboard';
import { useToast } from './toast-provider';

interface CopyButtonProps {
  text: string;
  /** What is copied, for the accessible name "Copy <label>". */
  label: string;
  disabled?: boolean;
  children?: string;
}

export function CopyButton({ text, label, disabled, children }: CopyButtonProps) {
  const toast = useToast();
  const name = t('common.copy', { label });
  const copy = async () => toast((await copyText(text)) ? t('common.copied') : t('common.copyFailed'));
  return (
    <Button
      icon="copy"
      design="Transparent"
      accessibleName={children ? undefined : name}
      tooltip={name}
      disabled={disabled}
      onClick={copy}
    >
      {children}
    </Button>
  );
}
