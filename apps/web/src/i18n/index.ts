import { catalogueMessages } from './catalogue-messages';
import { enMessages } from './en';
import { valueLabels } from './value-labels';
import { wizardMessages } from './wizard';

const en = { ...enMessages, ...wizardMessages, ...valueLabels, ...catalogueMessages() };

export type MessageKey = keyof typeof en;
export type MessageParams = Record<string, string | number>;

/** The active locale; a German bundle will be a Partial<Record<MessageKey, string>> merged over `en`. */
export const locale = 'en';
const bundle: Record<MessageKey, string> = en;

/** Looks up a UI text and fills its `{name}` placeholders. */
export function t(key: MessageKey, params?: MessageParams): string {
  const text = bundle[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}
