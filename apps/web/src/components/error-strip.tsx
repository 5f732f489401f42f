import { ERROR_CODES } from '@tcc/shared';
import { Button, MessageStrip } from '@ui5/webcomponents-react';
import { t } from '../i18n';
import { ApiError } from '../lib/api-client';
import '@ui5/webcomponents-icons/dist/v5/refresh.js';

interface ErrorStripProps {
  error: unknown;
  /** Offered on 409 STALE_VERSION: refetches the connection while the form keeps what the user typed. */
  onReload?: () => void;
  /** Fields shown next to their inputs already; their details are not repeated here. */
  shownFields?: readonly string[];
}

export function ErrorStrip({ error, onReload, shownFields = [] }: ErrorStripProps) {
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  const message = apiError?.message ?? (error instanceof Error ? error.message : String(error));
  const details = (apiError?.details ?? []).filter((d) => !d.field || !shownFields.includes(d.field));
  const stale = apiError?.code === ERROR_CODES.staleVersion;
  return (
    <MessageStrip design="Negative" hideCloseButton className="error-strip" data-error-code={apiError?.code}>
      {message}
      {details.length > 0 && (
        <ul className="error-strip-details">
          {details.map((d, i) => (
            <li key={i}>{d.message}</li>
          ))}
        </ul>
      )}
      {stale && onReload && (
        <Button design="Transparent" icon="refresh" onClick={onReload} className="error-strip-action">
          {t('common.reload')}
        </Button>
      )}
    </MessageStrip>
  );
}
