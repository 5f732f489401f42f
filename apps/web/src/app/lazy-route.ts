import { lazy, type ComponentType } from 'react';

/** A page component loaded with its chunk on first render, whose chunk can also be fetched ahead (`preload`). */
export interface LazyRoute {
  Component: ComponentType;
  preload: () => Promise<unknown>;
}

export function lazyRoute(load: () => Promise<ComponentType>): LazyRoute {
  let loading: Promise<ComponentType> | undefined;
  // A failed load is forgotten, so that the next visit tries again.
  const preload = () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
  return { Component: lazy(async () => ({ default: await preload() })), preload };
}
