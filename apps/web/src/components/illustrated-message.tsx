import type { IllustratedMessagePropTypes } from '@ui5/webcomponents-react';
import { Suspense } from 'react';
import { retryableLazy } from '../lib/retryable-lazy';

/**
 * Shown when UI5's IllustratedMessage cannot be loaded: the route error page is one too, and it must not fail (nothing
 * above it would catch that) when the network that failed a page's chunk fails this one as well.
 */
function PlainMessage({ titleText, subtitleText, children }: IllustratedMessagePropTypes) {
  return (
    <div role="status">
      <h2>{titleText}</h2>
      <p>{subtitleText}</p>
      {children}
    </div>
  );
}

// UI5's IllustratedMessage brings its default illustration (BeforeSearch, ~22 kB gzipped) along, and it only shows
// for empty lists and errors: it loads when first shown rather than with every page (README "Web weight"). The
// illustrations themselves load on demand too (config/illustrations.ts).
const Ui5IllustratedMessage = retryableLazy(async () => (await import('@ui5/webcomponents-react/IllustratedMessage')).IllustratedMessage, PlainMessage);

/** UI5's IllustratedMessage, loaded on first use. */
export function IllustratedMessage(props: IllustratedMessagePropTypes) {
  return (
    <Suspense fallback={null}>
      <Ui5IllustratedMessage {...props} />
    </Suspense>
  );
}
