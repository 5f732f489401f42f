import type { Request, Response, Router } from 'express';
import { API_ROUTES, type ApiRoute, type ApiRouteName } from '@tcc/shared';
import type { z } from 'zod';
import { InputError } from './errors.js';

type Parsed<T> = T extends z.ZodType ? z.output<T> : undefined;

export type RouteInput<R extends ApiRoute> = {
  params: Parsed<R['params']>;
  query: Parsed<R['query']>;
  body: Parsed<R['body']>;
  actor: string;
};

/** A file answer for routes that produce something other than JSON. */
export interface FileAnswer {
  fileName: string;
  content: string;
}

export type RouteOutput<R extends ApiRoute> = R['response'] extends null
  ? void
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
 * Mounts every route of the shared table: validate path, query and body with the route's schemas, call the handler,
 * answer with the route's status. Handlers stay one line each; a route without a handler does not compile.
 */
export function mountRoutes(router: Router, handlers: RouteHandlers, actorOf: (req: Request) => string): void {
  for (const [name, route] of Object.entries(API_ROUTES) as [ApiRouteName, ApiRoute][]) {
    router[route.method](route.path, async (req: Request, res: Response) => {
      const input = {
        params: parse(route.params, req.params, 'path'),
        query: parse(route.query, req.query, 'query'),
        body: parse(route.body, req.body, 'body'),
        actor: actorOf(req),
      };
      const output = await (handlers[name] as (input: unknown) => Promise<unknown>)(input);
      if (route.response === null) {
        res.status(204).end();
      } else if (route.produces) {
        const file = output as FileAnswer;
        res.status(route.status).attachment(file.fileName).type(route.produces).send(file.content);
      } else {
        res.status(route.status).json(output);
      }
    });
  }
}
