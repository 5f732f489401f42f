import { adminMessages } from './admin';
import { alertsMessages } from './alerts';
import { authMessages } from './auth';
import { automationMessages } from './automation';
import { catalogueMessages, type AppMessageKey, type StepMessageKey } from './catalogue-messages';
import { enMessages } from './en';
import { healthMessages } from './health';
import { rotationMessages } from './rotation';
import { valueLabels } from './value-labels';
import { wizardMessages } from './wizard';

const fixed = { ...enMessages, ...wizardMessages, ...authMessages, ...adminMessages, ...automationMessages, ...healthMessages, ...alertsMessages, ...rotationMessages, ...valueLabels };

// Spelled out: an object spread drops the template-literal (index-signature-like) keys of the catalogue part.
export type MessageKey = keyof typeof fixed | StepMessageKey | AppMessageKey;
export type MessageParams = Record<string, string | number>;

/** The active locale; a German bundle will be a Partial<Record<MessageKey, string>> merged over the English one. */
export const locale = 'en';
const bundle: Record<MessageKey, string> = { ...fixed, ...catalogueMessages() };

/** Whether a key computed at run time (e.g. from an audit entry's action) has a text. */
export const hasMessage = (key: string): key is MessageKey => key in bundle;

/** Looks up a UI text and fills its `{name}` placeholders. */
export function t(key: MessageKey, params?: MessageParams): string {
  const text = bundle[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}
