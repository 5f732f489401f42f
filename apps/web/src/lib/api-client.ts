import { buildPath, ERROR_CODES, type API_ROUTES, type ApiRoute, type ApiRouteName } from '@tcc/shared';
import type { z } from 'zod';
import { t } from '../i18n';
import type { Contracts } from './contracts';

/** The contracts chunk (lib/contracts.ts), fetched once, at the first call. */
export const loadContracts = (): Promise<Contracts> => import('./contracts');

export interface ApiErrorDetail {
  field?: string;
  message: string;
}

/** Every failed call ends here: the server's `{ error }` body, or a synthetic code for network/format failures. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Routes = typeof API_ROUTES;
type ResponseOf<R extends ApiRoute> = R['response'] extends z.ZodType ? z.infer<R['response']> : void;
type BodyOf<R extends ApiRoute> = R['body'] extends z.ZodType ? z.input<R['body']> : never;

export interface RequestOptions<R extends ApiRoute> {
  params?: Record<string, string | number>;
  query?: Record<string, string | number | undefined>;
  body?: BodyOf<R>;
  signal?: AbortSignal;
}

/** Builds a route's URL from the shared route table; the only place where URLs are assembled. */
export function routeUrl(route: Pick<ApiRoute, 'path'>, params?: Record<string, string | number>, query?: RequestOptions<ApiRoute>['query']): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const qs = search.toString();
  return buildPath(route.path, params) + (qs ? `?${qs}` : '');
}

/**
 * The session's CSRF token, set from the sign-in and /me answers and cleared on sign-out or when the session is
 * gone. Kept here, in one place, because every change request must echo it in X-CSRF-Token.
 */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

async function toApiError(response: Response, { ErrorBodySchema }: Contracts): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  const parsed = ErrorBodySchema.safeParse(body);
  if (!parsed.success) return new ApiError(response.status, 'HTTP_ERROR', t('errors.http', { status: response.status }));
  const { code, message, details } = parsed.data.error;
  return new ApiError(response.status, code, message, details);
}

/**
 * The one HTTP client: JSON in and out, answers checked against the shared response schema so that a contract
 * drift between server and web shows up as a clear error instead of a blank cell. Routes are named (API_ROUTES
 * keys), so that callers need not import the schemas: the client loads them with the first call.
 */
export async function apiRequest<N extends ApiRouteName>(name: N, options: RequestOptions<Routes[N]> = {}): Promise<ResponseOf<Routes[N]>> {
  const contracts = await loadContracts().catch(() => {
    throw new ApiError(0, 'NETWORK_ERROR', t('errors.network'));
  });
  const route: ApiRoute = contracts.API_ROUTES[name];
  let response: Response;
  const method = route.method.toUpperCase();
  try {
    response = await fetch(routeUrl(route, options.params, options.query), {
      method,
      headers: {
        Accept: 'application/json',
        ...(options.body !== undefined && { 'Content-Type': 'application/json' }),
        ...(method !== 'GET' && csrfToken !== null && { 'X-CSRF-Token': csrfToken }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK_ERROR', t('errors.network'));
  }
  if (!response.ok) throw await toApiError(response, contracts);
  if (route.response === null || response.status === 204) return undefined as ResponseOf<Routes[N]>;
  const parsed = (route.response as z.ZodType).safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) {
    console.error(`Unexpected answer from ${route.method.toUpperCase()} ${route.path}`, parsed.error.issues);
    throw new ApiError(response.status, 'UNEXPECTED_RESPONSE', t('errors.unexpected'));
  }
  return parsed.data as ResponseOf<Routes[N]>;
}

/** True for the 401 that means "no session (any more)": the one answer that sends the user to the sign-in page. */
export function isSignInRequired(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401 && error.code === ERROR_CODES.unauthenticated;
}

/** The server's message for one field (VALIDATION_FAILED / VALUE_MISMATCH details), to show next to its input. */
export function apiFieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.details.find((detail) => detail.field === field)?.message;
}
