import type { Response } from 'express';

/** Where a streaming handler writes server-sent events; `signal` aborts when the client goes away. */
export interface EventSink {
  /** One event. `data` must be one line (JSON from JSON.stringify is). */
  send(id: string, data: string): void;
  /** A comment line: keeps proxies and load balancers from closing an idle stream. */
  comment(text: string): void;
  readonly signal: AbortSignal;
}

/**
 * What a `text/event-stream` route's handler answers: a function that writes events until it resolves (then the
 * stream ends), or null for "nothing more to tell" — 204, which tells an EventSource to stop reconnecting.
 */
export type EventStreamAnswer = { stream: (sink: EventSink) => Promise<void> } | null;

export const EVENT_STREAM = 'text/event-stream';

/** How an open stream learns that its caller may no longer read it (signed out, disabled, role or membership gone). */
export interface StreamAccessCheck {
  stillAllowed: () => Promise<boolean>;
  everyMs: number;
}

/**
 * Opens the stream at once (headers flushed), never buffered or compressed on the way: `no-transform` makes the
 * `compression` middleware and well-behaved proxies leave it alone, `X-Accel-Buffering: no` tells nginx not to buffer.
 * Errors after the headers went out cannot become an error answer any more: the stream just ends, and the client
 * reconnects or falls back to polling.
 */
export async function sendEventStream(res: Response, answer: EventStreamAnswer, access?: StreamAccessCheck): Promise<void> {
  if (answer === null) {
    res.status(204).end();
    return;
  }
  res.status(200);
  res.setHeader('Content-Type', `${EVENT_STREAM}; charset=utf-8`);
  res.setHeader('Cache-Control', 'no-cache, no-store, no-transform');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  res.socket?.setNoDelay(true);
  const gone = new AbortController();
  res.on('close', () => gone.abort());
  if (!res.socket || res.socket.destroyed) gone.abort(); // gone before the listener was there
  const write = (text: string) => {
    if (gone.signal.aborted || res.writableEnded) return;
    res.write(text);
    // The compression middleware, should it ever wrap this response, buffers until flushed.
    (res as Response & { flush?: () => void }).flush?.();
  };
  // Access was checked when the stream opened; a stream may stay open for minutes, so it is checked again while it
  // runs and ends once the caller has lost it. The reconnecting EventSource then gets the 401/404 any request would.
  const recheck = access && setInterval(() => {
    access.stillAllowed().then(
      (allowed) => allowed || gone.abort(),
      () => gone.abort(),
    );
  }, access.everyMs);
  try {
    await answer.stream({ send: (id, data) => write(`id: ${id}\ndata: ${data}\n\n`), comment: (text) => write(`: ${text}\n\n`), signal: gone.signal });
  } catch {
    // Nothing to tell the client on a stream that is already open; see above.
  } finally {
    if (recheck) clearInterval(recheck);
    if (!res.writableEnded) res.end();
  }
}
