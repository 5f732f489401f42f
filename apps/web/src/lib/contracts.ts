// The shared zod contracts the web checks answers and forms against, in their own chunk: zod and the schemas are
// about a tenth of the first load, so they load with the first API call (or the sign-in form's submit), not with the
// page. scripts/first-load.mjs counts this chunk for every page that calls the API before it is usable.
export { API_ROUTES, ErrorBodySchema, SignInSchema } from '@tcc/shared';

export type Contracts = typeof import('./contracts');
