import { LIMITS, type ConnectionDetail } from '@tcc/shared';
import { BusyIndicator, FileUploader, FlexBox, Label, MessageStrip, type FileUploaderPropTypes } from '@ui5/webcomponents-react';
import { useState } from 'react';
import { ErrorStrip } from '../../../../components/error-strip';
import { t } from '../../../../i18n';
import { readFileAsBase64 } from '../../../../utils/file';
import { useUploadTrustCertificate } from '../../api/upload-trust-certificate';

interface CertificateUploadProps {
  connection: ConnectionDetail;
  onReload: () => void;
}

/** Step 1: the admin uploads what "Download Trust" gave them; the server reads CN, issuer and validity from it. */
export function CertificateUpload({ connection, onReload }: CertificateUploadProps) {
  const upload = useUploadTrustCertificate();
  const [localError, setLocalError] = useState<string>();

  const handleChange: FileUploaderPropTypes['onChange'] = async (event) => {
    const file = event.detail.files?.[0];
    if (!file) return;
    upload.reset();
    // Checked here too so a wrong file is refused before a megabyte of base64 goes over the wire.
    if (file.size > LIMITS.certificateMaxBytes) return setLocalError(t('certificate.tooLarge', { kib: LIMITS.certificateMaxBytes / 1024 }));
    setLocalError(undefined);
    let contentBase64: string;
    try {
      contentBase64 = await readFileAsBase64(file);
    } catch {
      return setLocalError(t('certificate.readFailed'));
    }
    upload.mutate({ tenantId: connection.tenantId, connectionId: connection.id, fileName: file.name, contentBase64, version: connection.version });
  };

  return (
    <FlexBox direction="Column" className="step-section form-field">
      <Label for="trust-certificate-file" showColon>
        {t('certificate.upload')}
      </Label>
      <BusyIndicator active={upload.isPending} delay={200} text={t('certificate.uploading')}>
        <FileUploader
          id="trust-certificate-file"
          accept=".pem,.crt,.cer,.der"
          accessibleName={t('certificate.upload')}
          placeholder={t('certificate.uploadPlaceholder')}
          onChange={handleChange}
          valueState={localError || upload.error ? 'Negative' : 'None'}
          className="file-uploader"
        />
      </BusyIndicator>
      {localError && (
        <MessageStrip design="Negative" hideCloseButton>
          {localError}
        </MessageStrip>
      )}
      <ErrorStrip error={upload.error} onReload={onReload} />
    </FlexBox>
  );
}
