import { LIMITS } from '@tcc/shared';
import { locale } from '../i18n';

const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });

export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));
export const formatDate = (iso: string) => date.format(new Date(iso));

const DAY_MS = 24 * 60 * 60 * 1000;

export type ExpiryLevel = 'ok' | 'soon' | 'expired';

/** Same thresholds as the server: expired is an error, within LIMITS.certificateExpiryWarningDays a warning. */
export function certificateExpiry(notAfter: string, now = Date.now()): { level: ExpiryLevel; days: number } {
  const days = Math.floor((new Date(notAfter).getTime() - now) / DAY_MS);
  if (days < 0) return { level: 'expired', days };
  return { level: days <= LIMITS.certificateExpiryWarningDays ? 'soon' : 'ok', days };
}

const timestamp = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });

/** With seconds: for logs, where several entries fall in the same minute. */
export const formatTimestamp = (iso: string) => timestamp.format(new Date(iso));
