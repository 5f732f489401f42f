import type { ConnectionDetail, StepDefinition } from '@tcc/shared';
import { CertificateAnalysis } from './certificate-analysis';
import { CertificateDownload } from './certificate-download';
import { CertificateUpload } from './certificate-upload';
import { GeneratedPassword } from './generated-password';

interface StepExtrasProps {
  connection: ConnectionDetail;
  step: StepDefinition;
  /** Viewers see the uploaded certificate's analysis but get no file upload. */
  readOnly: boolean;
  onGoToStep: (stepId: number) => void;
  onReload: () => void;
}

/** The certificate parts of a step, chosen by the catalogue's flags rather than by step number. */
export function StepExtras({ connection, step, readOnly, onGoToStep, onReload }: StepExtrasProps) {
  return (
    <>
      {step.uploadsCertificate && !readOnly && <CertificateUpload connection={connection} onReload={onReload} />}
      {step.uploadsCertificate && connection.certificate && <CertificateAnalysis certificate={connection.certificate} />}
      {step.offersCertificateDownload && <CertificateDownload connection={connection} onGoToStep={onGoToStep} />}
      {step.offersGeneratedPassword && !readOnly && <GeneratedPassword connection={connection} onReload={onReload} />}
    </>
  );
}
