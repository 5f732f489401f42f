/**
 * Counts attempts per key in a fixed window, in this process's memory. Enough for one server; deployments with
 * several instances also have the per-user lock-out, which lives in the database.
 */
export function createRateLimiter({ limit, windowMs, now = () => Date.now() }: { limit: number; windowMs: number; now?: () => number }) {
  const windows = new Map<string, { startedAt: number; count: number }>();
  return {
    /** Records an attempt; answers the seconds to wait when over the limit, else 0. */
    hit(key: string): number {
      const t = now();
      const current = windows.get(key);
      if (!current || t - current.startedAt >= windowMs) {
        windows.set(key, { startedAt: t, count: 1 });
        if (windows.size > 10_000) for (const [k, w] of windows) if (t - w.startedAt >= windowMs) windows.delete(k);
        return 0;
      }
      current.count += 1;
      return current.count > limit ? Math.ceil((current.startedAt + windowMs - t) / 1000) : 0;
    },
  };
}
