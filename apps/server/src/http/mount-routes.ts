import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request, Response, Router } from 'express';
import { API_ROUTES, type ApiRoute, type ApiRouteName } from '@tcc/shared';
import type { z } from 'zod';
import type { Principal } from '../auth/principal.js';
import type { Store } from '../store/types.js';
import { authorize } from './access-control.js';
import { EVENT_STREAM, sendEventStream, type EventStreamAnswer, type StreamAccessCheck } from './event-stream.js';
import { SYSTEM_AUDITED_ROUTES, type AuditTrail } from './audit-trail.js';
import { InputError } from './errors.js';

type Parsed<T> = T extends z.ZodType ? z.output<T> : undefined;

export type RouteInput<R extends ApiRoute> = {
  params: Parsed<R['params']>;
  query: Parsed<R['query']>;
  body: Parsed<R['body']>;
  /** Null only on public routes. */
  principal: R['access'] extends 'public' ? Principal | null : Principal;
  /** Shown as "changed by": the principal's user name. */
  actor: string;
  /** For the few handlers that set cookies or read the client address (sign-in, sign-out). */
  http: { req: Request; res: Response };
};

/** A file answer for routes that produce something other than JSON. */
export interface FileAnswer {
  fileName: string;
  /** An async iterable is streamed with backpressure (a large export never sits in memory whole). */
  content: string | AsyncIterable<string>;
}

export type RouteOutput<R extends ApiRoute> = R['response'] extends null
  ? void
  : R extends { produces: typeof EVENT_STREAM }
    ? EventStreamAnswer
    : R extends { produces: string }
      ? FileAnswer
      : R['response'] extends z.ZodType
        ? z.input<R['response']>
        : never;

export type RouteHandlers = {
  [K in ApiRouteName]: (input: RouteInput<(typeof API_ROUTES)[K]>) => Promise<RouteOutput<(typeof API_ROUTES)[K]>>;
};

function parse(schema: z.ZodType | undefined, value: unknown, where: 'path' | 'query' | 'body'): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join('.') : where,
    message: where === 'body' && value === undefined ? 'Send a JSON body with Content-Type: application/json.' : issue.message,
  }));
  throw new InputError(details.map((d) => d.message).join(' '), details);
}

/**
 * Mounts every route of the shared table: resolve the caller, apply the route's access rule, validate path, query and
 * body with the route's schemas, call the handler, answer with the route's status. Handlers stay one line each; a
 * route without a handler, or without an access rule, does not compile.
 */
export function mountRoutes(
  router: Router,
  handlers: RouteHandlers,
  {
    principalOf,
    store,
    audit,
    streamRecheckMs,
  }: { principalOf: (req: Request) => Promise<Principal | null>; store: Store; audit: AuditTrail; streamRecheckMs: number },
): void {
  for (const [name, route] of Object.entries(API_ROUTES) as [ApiRouteName, ApiRoute][]) {
    router[route.method](route.path, async (req: Request, res: Response) => {
      const principal = await principalOf(req);
      // Signed-out callers learn nothing, not even whether their parameters were well-formed.
      if (route.access !== 'public' && !principal) authorize(req, route.access, null, undefined);
      const params = parse(route.params, req.params, 'path') as Parameters<AuditTrail>[2] | undefined;
      // Changes by tenant members are audited, refused ones included; reads and strangers' attempts are not.
      // One read of the caller's role serves the access rule and the audit decision.
      const role = principal && params?.tenantId ? await store.getRole(params.tenantId, principal.userId) : undefined;
      const audited = principal && route.method !== 'get' && (SYSTEM_AUDITED_ROUTES.includes(name) || role !== undefined);
      const output = await run(async () => {
        authorize(req, route.access, principal, role);
        return (handlers[name] as (input: unknown) => Promise<unknown>)({
          params,
          query: parse(route.query, req.query, 'query'),
          body: parse(route.body, req.body, 'body'),
          principal,
          actor: principal?.username ?? 'anonymous',
          http: { req, res },
        });
      }, audited ? (error, output) => audit(name, principal!, params ?? {}, error, output) : undefined);
      // The same resolution and rule again, for a stream that outlives the moment it was authorized.
      const stillAllowed = async () => {
        const now = await principalOf(req);
        const nowRole = now && params?.tenantId ? await store.getRole(params.tenantId, now.userId) : undefined;
        authorize(req, route.access, now, nowRole);
        return true;
      };
      await send(res, route, output, { stillAllowed: () => stillAllowed().catch(() => false), everyMs: streamRecheckMs });
    });
  }
}

/** Runs `work`, then reports its outcome (error, or the output) to `after` before passing it on. */
async function run(work: () => Promise<unknown>, after?: (error?: unknown, output?: unknown) => Promise<void>): Promise<unknown> {
  try {
    const output = await work();
    await after?.(undefined, output);
    return output;
  } catch (error) {
    await after?.(error);
    throw error;
  }
}

async function send(res: Response, route: ApiRoute, output: unknown, access: StreamAccessCheck): Promise<void> {
  if (route.produces === EVENT_STREAM) {
    // Server-sent events: the handler checked access and read what it needs; the stream runs until it ends.
    await sendEventStream(res, output as EventStreamAnswer, access);
  } else if (route.response === null) {
    res.status(204).end();
  } else if (route.produces) {
    const file = output as FileAnswer;
    if (typeof file.content === 'string') {
      res.status(route.status).attachment(file.fileName).type(route.produces).send(file.content);
      return;
    }
    // The first chunk is read before the status is sent, so a failure to start still answers with an error status;
    // a failure later cuts the download off (never a file that looks complete).
    const chunks = file.content[Symbol.asyncIterator]();
    const first = await chunks.next();
    res.status(route.status).attachment(file.fileName).type(route.produces);
    async function* all() {
      if (!first.done) yield first.value;
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
    }
    await pipeline(Readable.from(all()), res).catch((error: unknown) => {
      // The client left before the end: nothing to answer or log. Anything else goes to the error middleware.
      if ((error as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
    });
  } else {
    res.status(route.status).json(output);
  }
}
