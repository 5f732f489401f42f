import { Bar, Button, Dialog, FlexBox, type ButtonPropTypes } from '@ui5/webcomponents-react';
import type { KeyboardEvent, ReactNode } from 'react';
import { t } from '../i18n';
import { ErrorStrip } from './error-strip';

interface FormDialogProps {
  open: boolean;
  headerText: string;
  submitText: string;
  submitDesign?: ButtonPropTypes['design'];
  busy?: boolean;
  error?: unknown;
  /** Field names whose server errors are already shown next to their inputs. */
  shownFields?: readonly string[];
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
}

/** Dialog with a submit and a cancel button; Enter in a field submits, Escape closes (UI5 default). While busy the submit button shows its own loading state, so a double click cannot submit twice. */
export function FormDialog(props: FormDialogProps) {
  const { open, headerText, submitText, submitDesign = 'Emphasized', busy, error, shownFields, onSubmit, onClose, children } = props;
  const submitOnEnter = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (event.key === 'Enter' && target.tagName === 'UI5-INPUT' && !busy) onSubmit();
  };
  return (
    <Dialog
      open={open}
      headerText={headerText}
      onClose={onClose}
      className="form-dialog"
      footer={
        <Bar
          design="Footer"
          endContent={
            <>
              <Button design={submitDesign} onClick={onSubmit} loading={busy} loadingDelay={200}>
                {submitText}
              </Button>
              <Button design="Transparent" onClick={onClose}>
                {t('common.cancel')}
              </Button>
            </>
          }
        />
      }
    >
      {open && (
        <FlexBox direction="Column" className="form-dialog-content" onKeyDown={submitOnEnter}>
          {children}
          <ErrorStrip error={error} shownFields={shownFields} />
        </FlexBox>
      )}
    </Dialog>
  );
}
