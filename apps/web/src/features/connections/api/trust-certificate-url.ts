import { API_ROUTES } from '@tcc/shared';
import { routeUrl } from '../../../lib/api-client';

/** A plain link, not a fetch: the browser downloads the PEM itself (the server sets Content-Disposition). */
export const getTrustCertificateUrl = (tenantId: string, connectionId: string) =>
  routeUrl(API_ROUTES.downloadTrustCertificate, { tenantId, connectionId });
