/** Every route of the app, with the one function that builds its link. Components never write URLs by hand. */
export const paths = {
  home: {
    path: '/',
    getHref: () => '/',
  },
  tenant: {
    path: '/tenants/:tenantId',
    getHref: (tenantId: string) => `/tenants/${encodeURIComponent(tenantId)}`,
  },
  connection: {
    path: '/tenants/:tenantId/connections/:connectionId',
    getHref: (tenantId: string, connectionId: string, stepId?: number) =>
      `/tenants/${encodeURIComponent(tenantId)}/connections/${encodeURIComponent(connectionId)}` +
      (stepId === undefined ? '' : `?step=${stepId}`),
  },
} as const;
