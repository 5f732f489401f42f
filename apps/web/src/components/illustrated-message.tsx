import type { IllustratedMessagePropTypes } from '@ui5/webcomponents-react';
import { lazy, Suspense } from 'react';

// UI5's IllustratedMessage brings its default illustration (BeforeSearch, ~22 kB gzipped) along, and it only shows
// for empty lists and errors: it loads when first shown rather than with every page (README "Web weight"). The
// illustrations themselves load on demand too (config/illustrations.ts).
const Ui5IllustratedMessage = lazy(async () => ({ default: (await import('@ui5/webcomponents-react/IllustratedMessage')).IllustratedMessage }));

/** UI5's IllustratedMessage, loaded on first use. */
export function IllustratedMessage(props: IllustratedMessagePropTypes) {
  return (
    <Suspense fallback={null}>
      <Ui5IllustratedMessage {...props} />
    </Suspense>
  );
}
