import { API_ROUTES } from '@tcc/shared';
import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export interface TestConnectionInput {
  tenantId: string;
  connectionId: string;
}

/** Proves the chain end to end: find destination with a business user's token, then the task replication service. */
export const testConnection = ({ tenantId, connectionId }: TestConnectionInput) =>
  apiRequest(API_ROUTES.testConnection, { params: { tenantId, connectionId } });

export const useTestConnection = () => useMutation({ mutationFn: testConnection });
