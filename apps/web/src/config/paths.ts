/** Every route of the app, with the one function that builds its link. Components never write URLs by hand. */
export const paths = {
  signIn: {
    path: '/sign-in',
    /** `next`: where to return after signing in; only same-app paths are kept (see safeNextPath). */
    getHref: (next?: string) => (next && next !== '/' ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in'),
  },
  home: {
    path: '/',
    getHref: () => '/',
  },
  tenant: {
    path: '/tenants/:tenantId',
    getHref: (tenantId: string) => `/tenants/${encodeURIComponent(tenantId)}`,
  },
  tenantAudit: {
    path: '/tenants/:tenantId/audit',
    getHref: (tenantId: string) => `/tenants/${encodeURIComponent(tenantId)}/audit`,
  },
  tenantMonitoring: {
    path: '/tenants/:tenantId/monitoring',
    getHref: (tenantId: string) => `/tenants/${encodeURIComponent(tenantId)}/monitoring`,
  },
  users: {
    path: '/users',
    getHref: () => '/users',
  },
  connection: {
    path: '/tenants/:tenantId/connections/:connectionId',
    getHref: (tenantId: string, connectionId: string, stepId?: number) =>
      `/tenants/${encodeURIComponent(tenantId)}/connections/${encodeURIComponent(connectionId)}` +
      (stepId === undefined ? '' : `?step=${stepId}`),
  },
} as const;

/** A `?next=` value is followed only when it is a path inside this app: no other origin, no loop back to sign-in. */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return paths.home.getHref();
  if (next === paths.signIn.path || next.startsWith(`${paths.signIn.path}?`)) return paths.home.getHref();
  return next;
}
