import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export interface PlanAutomationInput {
  tenantId: string;
  connectionId: string;
  /** A repair plan: only the SAP objects that drifted after setup. */
  repair?: boolean;
}

/** Reads both SAP systems and says what a run would create, adopt or change; changes nothing. */
export const planAutomation = ({ tenantId, connectionId, repair }: PlanAutomationInput) =>
  apiRequest('planAutomation', { params: { tenantId, connectionId }, query: repair ? { repair: 'true' } : undefined });

/** A mutation, not a query: every click must read SAP afresh, and nothing is cached. */
export const usePlanAutomation = () => useMutation({ mutationFn: planAutomation });
