import { hasMessage, t } from '../../../i18n';

/** An audited action as the UI names it (the route's name stays in data-action and the CSV, for filters and support). */
export function actionLabel(action: string): string {
  const key = `audit.action.${action}`;
  return hasMessage(key) ? t(key) : action;
}
