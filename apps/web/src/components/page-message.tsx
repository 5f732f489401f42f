import type { ReactNode } from 'react';
import { t } from '../i18n';
import { ApiError } from '../lib/api-client';
import { IllustratedMessage } from './illustrated-message';

interface PageMessageProps {
  error: unknown;
  children?: ReactNode;
}

/** Full-page message for a failed load; a 404 gets the "not found" illustration, a 403 the lock. */
export function PageMessage({ error, children }: PageMessageProps) {
  const notFound = error instanceof ApiError && error.status === 404;
  const forbidden = error instanceof ApiError && error.status === 403;
  return (
    <IllustratedMessage
      name={notFound ? 'PageNotFound' : forbidden ? 'TntLock' : 'UnableToLoad'}
      titleText={notFound ? t('app.notFound.title') : forbidden ? t('app.forbidden.title') : t('app.error.title')}
      subtitleText={error instanceof Error ? error.message : t('app.notFound.text')}
    >
      {children}
    </IllustratedMessage>
  );
}
