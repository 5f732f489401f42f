import { createContext, lazy, useContext, type ComponentType } from 'react';
import { t } from '../i18n';
import { reloadIfRedeployed } from './reload-if-redeployed';

/**
 * Counts fresh starts of the route error boundary (app/routes/route-error.tsx: every navigation, and "Try again"). A
 * component whose chunk failed to load asks for it again only when this has changed since, not at every render:
 * React renders once more at once after an error, which would otherwise ask again (and fail again) in a loop.
 */
export const LoadAttempt = createContext(0);

/** A chunk that did not load (network, or a deploy replaced it); the message is for the error page. */
export class ChunkLoadError extends Error {
  constructor(cause: unknown) {
    super(t('app.loadFailed'), { cause });
    this.name = 'ChunkLoadError';
  }
}

/**
 * React.lazy, but a failed load is not kept for good: React.lazy holds on to the rejected import, so a page whose
 * chunk failed once (a network blip) would show the error page until a full reload. After a failure, the next render
 * under a new LoadAttempt makes a fresh React.lazy, which loads again. A failure also checks for a new build
 * (reloadIfRedeployed). With `fallback`, a failed load renders that instead of throwing (until the next attempt).
 */
export function retryableLazy<P extends object>(load: () => Promise<ComponentType<P>>, fallback?: ComponentType<P>): ComponentType<P> {
  let failed = false;
  let madeAt: number | undefined;
  const make = () =>
    lazy(async () => {
      try {
        return { default: await load() };
      } catch (error) {
        failed = true;
        void reloadIfRedeployed();
        if (fallback) return { default: fallback };
        throw new ChunkLoadError(error);
      }
    });
  let Lazy = make();
  return function RetryableLazy(props: P) {
    const attempt = useContext(LoadAttempt);
    madeAt ??= attempt;
    if (failed && attempt !== madeAt) {
      failed = false;
      madeAt = attempt;
      Lazy = make();
    }
    return <Lazy {...props} />;
  };
}
