import { API_ROUTES } from '@tcc/shared';
import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export interface PlanAutomationInput {
  tenantId: string;
  connectionId: string;
}

/** Reads both SAP systems and says what a run would create, adopt or change; changes nothing. */
export const planAutomation = ({ tenantId, connectionId }: PlanAutomationInput) =>
  apiRequest(API_ROUTES.planAutomation, { params: { tenantId, connectionId } });

/** A mutation, not a query: every click must read SAP afresh, and nothing is cached. */
export const usePlanAutomation = () => useMutation({ mutationFn: planAutomation });
