import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export interface ReadSapFactsInput {
  tenantId: string;
  connectionId: string;
}

/** Reads what only this tenant can settle ($metadata, existing inbound users); changes nothing in SAP. */
export const readSapFacts = ({ tenantId, connectionId }: ReadSapFactsInput) => apiRequest('readSapFacts', { params: { tenantId, connectionId } });

/** A mutation: every click reads the tenant afresh, so support gets what SAP says now. */
export const useReadSapFacts = () => useMutation({ mutationFn: readSapFacts });
