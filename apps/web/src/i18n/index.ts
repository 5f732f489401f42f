import type { adminMessages } from './admin';
import type { alertsMessages } from './alerts';
import { authMessages } from './auth';
import type { automationMessages } from './automation';
import type { AppMessageKey, StepMessageKey } from './catalogue-messages';
import { enMessages } from './en';
import { healthMessages } from './health';
import type { rotationMessages } from './rotation';
import type { valueLabels } from './value-labels';
import type { wizardMessages } from './wizard';

type Fixed = typeof enMessages &
  typeof authMessages &
  typeof healthMessages &
  typeof wizardMessages &
  typeof adminMessages &
  typeof automationMessages &
  typeof alertsMessages &
  typeof rotationMessages &
  typeof valueLabels;

// Spelled out: the catalogue part has template-literal (index-signature-like) keys.
export type MessageKey = keyof Fixed | StepMessageKey | AppMessageKey;
export type MessageParams = Record<string, string | number>;

/** The active locale; a German bundle will be a Partial<Record<MessageKey, string>> merged over the English one. */
export const locale = 'en';

// The texts of the sign-in page, the shell and the dashboard come with the first load; those of the other pages
// (about a third of the first load's gzipped texts) are added by i18n/pages.ts, which each of those routes imports.
const bundle: Partial<Record<MessageKey, string>> = { ...enMessages, ...authMessages, ...healthMessages };

/** Adds texts to the bundle (i18n/pages.ts). */
export function addMessages(messages: Partial<Record<MessageKey, string>>): void {
  Object.assign(bundle, messages);
}

/** Whether a key computed at run time (e.g. from an audit entry's action) has a text. */
export const hasMessage = (key: string): key is MessageKey => key in bundle;

/** Looks up a UI text and fills its `{name}` placeholders. */
export function t(key: MessageKey, params?: MessageParams): string {
  const text = bundle[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}
