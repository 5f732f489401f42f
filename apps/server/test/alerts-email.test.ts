import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runToEnd } from './support/field-run.js';
import { sandboxConnection } from './support/sandbox-connection.js';
import { waitFor } from './support/webhook-receiver.js';

/**
 * Issue 10, Done-when "Alerts" by e-mail: a real SMTP server (smtp-server) receives what nodemailer sends, with
 * authentication, for Send test alert and for a connection that breaks; a bad recipient is refused before storing.
 */
interface Mail {
  from: string;
  to: string[];
  data: string;
}
const mails: Mail[] = [];
let smtp: SMTPServer;
let ctx: Awaited<ReturnType<typeof sandboxConnection>>;
let alertsBase: string;

beforeAll(async () => {
  smtp = new SMTPServer({
    // Plain SMTP on loopback: no certificate to trust here; STARTTLS and smtps:// are nodemailer's own, per SMTP_URL.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === 'alerts' && auth.password === 'smtp-pass-w0rd') callback(null, { user: 'alerts' });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  ctx = await sandboxConnection({ SMTP_URL: `smtp://alerts:smtp-pass-w0rd@127.0.0.1:${port}`, SMTP_FROM: 'Task Center Connect <alerts@example.com>', ALERTS_POLL_MS: '100' });
  alertsBase = `${ctx.base.split('/connections/')[0]}/alerts`;
  expect((await runToEnd(ctx)).status).toBe('succeeded');
  expect((await (await ctx.api.post(`${ctx.base}/health/check`)).body).state).toBe('healthy');
}, 60_000);
afterAll(async () => {
  await ctx.server.stop();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe('e-mail alerts', () => {
  it('when a recipient is not an e-mail address, then the channel is refused and nothing is stored', async () => {
    const answer = await ctx.api.post(`${alertsBase}/channels`, { kind: 'email', name: 'Ops', recipients: ['ops@example.com', 'ops at example'] });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toMatch(/ops@example\.com/);
    expect((await ctx.api.get(`${alertsBase}/channels`)).body.items).toEqual([]);
  });

  it('when an e-mail channel is added and tested, then the SMTP server receives the test alert', async () => {
    const created = await ctx.api.post(`${alertsBase}/channels`, { kind: 'email', name: 'Ops mail', recipients: ['ops@example.com', 'oncall@example.com'] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ kind: 'email', recipients: ['ops@example.com', 'oncall@example.com'], url: null, secretSet: false, secret: null });
    const tested = await ctx.api.post(`${alertsBase}/channels/${created.body.id}/test`);
    expect(tested.body, JSON.stringify(tested.body)).toMatchObject({ status: 'delivered', lastError: null });
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ from: 'alerts@example.com', to: ['ops@example.com', 'oncall@example.com'] });
    expect(mails[0]!.data).toMatch(/Subject: \[Task Center Connect\] Test alert/);
    expect(mails[0]!.data).toMatch(new RegExp(`X-TCC-Delivery: ${tested.body.deliveryId}`, "i"));
    expect(mails[0]!.data).toMatch(new RegExp(`Message-ID:\\s+<${tested.body.deliveryId}@alerts.task-center-connect>`, "i"));
  });

  it('when the arrangement is deleted, then one e-mail says the connection is broken and how to fix it', async () => {
    await fetch(`${ctx.server.sandboxUrl}/sandbox/actions/delete-arrangement`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    for (let i = 0; i < 5; i += 1) await ctx.api.post(`${ctx.base}/health/check`);
    await waitFor(() => mails.length, (n) => n >= 2);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(mails).toHaveLength(2);
    expect(mails[1]!.data).toMatch(/Subject: \[Task Center Connect\] .* is broken/);
    expect(mails[1]!.data).toMatch(/ARRANGEMENT_MISSING/);
    expect(mails[1]!.data).toMatch(/Fix: step 17/);
    const log = (await ctx.api.get(`${alertsBase}/deliveries`)).body.items;
    expect(log.map((d: { event: string; status: string }) => [d.event, d.status])).toEqual([['broken', 'delivered'], ['test', 'delivered']]);
  });
});
