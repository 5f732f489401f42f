import { expect } from 'vitest';
import { runToEnd } from './field-run.js';
import { sandboxConnection } from './sandbox-connection.js';
import { startWebhookReceiver } from './webhook-receiver.js';

/** The webhook host the alert tests use; ALERTS_WEBHOOK_TEST_HOSTS maps it to the loopback receiver. */
export const HOOK_HOST = 'hooks.receiver.test';

/**
 * A set-up, healthy sandbox connection whose server may send webhooks to a test receiver (and polls its alert outbox
 * every 100 ms), with Check now as `check`.
 */
export async function alertedConnection(env: Record<string, string> = {}, options: { clock?: () => Date } = {}) {
  const receiver = await startWebhookReceiver();
  const ctx = await sandboxConnection({ ALERTS_WEBHOOK_TEST_HOSTS: `${HOOK_HOST}=http://127.0.0.1:${receiver.port}`, ALERTS_POLL_MS: '100', ...env }, options);
  const check = async () => {
    const answer = await ctx.api.post(`${ctx.base}/health/check`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body;
  };
  expect((await runToEnd(ctx)).status).toBe('succeeded');
  expect((await check()).state).toBe('healthy');
  return {
    ctx,
    receiver,
    check,
    alertsBase: `${ctx.base.split('/connections/')[0]}/alerts`,
    close: async () => {
      await ctx.server.stop();
      await receiver.close();
    },
  };
}
