/**
 * Creating over an unreliable line: a POST is never repeated blindly. When its answer is lost (5xx, 429, timeout,
 * network: `isLost`), SAP may have created the object anyway, so it is read back first and posted again only if
 * absent — up to `attempts` times, waiting longer each time (a 429 burst or a short outage passes).
 */
export async function createWithReadBack<T>({
  create,
  find,
  isLost,
  attempts = 4,
  delayMs = 300,
  sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
}: {
  create: () => Promise<T>;
  find: () => Promise<T | null>;
  isLost: (error: unknown) => boolean;
  attempts?: number;
  delayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}): Promise<T> {
  let lost: unknown;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    if (attempt > 1) {
      await sleep(delayMs * 2 ** (attempt - 2));
      const existing = await find();
      if (existing) return existing;
    }
    try {
      return await create();
    } catch (error) {
      if (!isLost(error)) throw error;
      lost = error;
    }
  }
  throw lost;
}
