import { IllustratedMessage } from '@ui5/webcomponents-react';
import '@ui5/webcomponents-fiori/dist/illustrations/UnableToLoad.js';
import '@ui5/webcomponents-fiori/dist/illustrations/PageNotFound.js';
import type { ReactNode } from 'react';
import { t } from '../i18n';
import { ApiError } from '../lib/api-client';

interface PageMessageProps {
  error: unknown;
  children?: ReactNode;
}

/** Full-page message for a failed load; a 404 gets the "not found" illustration. */
export function PageMessage({ error, children }: PageMessageProps) {
  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <IllustratedMessage
      name={notFound ? 'PageNotFound' : 'UnableToLoad'}
      titleText={notFound ? t('app.notFound.title') : t('app.error.title')}
      subtitleText={error instanceof Error ? error.message : t('app.notFound.text')}
    >
      {children}
    </IllustratedMessage>
  );
}
