import type { HealthState } from '@tcc/shared';
import type { TransitionHook } from '../health/transition-hook.js';
import type { AlertStore } from '../store/alert-store.js';
import { alertEventOf, type AlertPayload } from './alert-message.js';

/** The next daily digest: midnight UTC after `at` (one digest per UTC day, with that day's transitions). */
export const nextDigestAt = (at: string) => {
  const next = new Date(at);
  next.setUTCHours(24, 0, 0, 0);
  return next.toISOString();
};

/**
 * The health engine's TransitionHook: writes the alert, if the transition is one, inside the transition's own
 * transaction — the outbox row keyed by the transition id (unique) and one delivery per enabled channel. The alert
 * exists exactly when the transition does; a retried or concurrent check cannot add a second.
 */
export function createAlertTransitionHook({ store, newId }: { store: AlertStore; newId: () => string }): TransitionHook {
  return async (tx, transition) => {
    const last = await tx
      .selectFrom('alert_outbox')
      .select(['event', 'state'])
      .where('connection_id', '=', transition.connectionId)
      .where('event', 'in', ['warning', 'broken', 'recovered'])
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    const event = alertEventOf(transition, (last?.state as HealthState | undefined) ?? null);
    if (!event) return;
    const names = await tx
      .selectFrom('connections as c')
      .innerJoin('tenants as t', 't.id', 'c.tenant_id')
      .select(['c.display_name as connection', 't.name as tenant'])
      .where('c.id', '=', transition.connectionId)
      .executeTakeFirst();
    const payload: AlertPayload = {
      event,
      transitionId: transition.id,
      tenant: { id: transition.tenantId, name: names?.tenant ?? '' },
      connection: { id: transition.connectionId, name: names?.connection ?? '' },
      state: transition.state,
      previousState: transition.previousState,
      at: transition.at,
      summary: transition.summary,
      certificateDaysLeft: transition.certificateDaysLeft,
      findings: transition.findings.map(({ code, severity, message, stepId, object, field, expected, actual }) => ({ code, severity, message, stepId, object, field, expected, actual })),
    };
    const outboxId = newId();
    await store.enqueueAlert(
      tx,
      { id: outboxId, tenant_id: transition.tenantId, transition_id: transition.id, connection_id: transition.connectionId, event, state: transition.state, payload_json: JSON.stringify(payload), created_at: transition.at },
      (channel) => ({
        id: newId(),
        tenant_id: transition.tenantId,
        outbox_id: outboxId,
        channel_id: channel.id,
        status: 'pending',
        digest: channel.digest,
        attempts: 0,
        next_attempt_at: channel.digest ? nextDigestAt(transition.at) : transition.at,
        claimed_until: null,
        claimed_by: null,
        last_status_code: null,
        last_error: null,
        created_at: transition.at,
        delivered_at: null,
      }),
    );
  };
}
