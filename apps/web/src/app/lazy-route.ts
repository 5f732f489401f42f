import type { ComponentType } from 'react';
import { retryableLazy } from '../lib/retryable-lazy';

/** A page component loaded with its chunk on first render, whose chunk can also be fetched ahead (`preload`). */
export interface LazyRoute {
  Component: ComponentType;
  preload: () => Promise<unknown>;
}

export function lazyRoute(load: () => Promise<ComponentType>): LazyRoute {
  let loading: Promise<ComponentType> | undefined;
  // A failed load is forgotten, so that the next preload, and the next render after the route error boundary starts
  // afresh (retryableLazy), load again.
  const preload = () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
  return { Component: retryableLazy(preload), preload };
}
