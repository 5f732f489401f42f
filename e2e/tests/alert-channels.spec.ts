import { expect, test } from '@playwright/test';
import { ADMIN, fill, openDialog, screenshot, signIn } from '../support/admin.js';
import { csrfHeaders } from '../support/api-setup.js';
import { signatureValid, startWebhookReceiver, WEBHOOK_HOST, webhookReceiverPort } from '../support/webhook-receiver.js';

/**
 * A tenant admin's Monitoring page, against the plain server (no sandbox needed): the check interval, an alert channel
 * refused for a private address and then added for a receiver this test runs (allowed only in e2e through
 * ALERTS_WEBHOOK_TEST_HOSTS, see e2e/serve.mjs), a signed test alert, and the delivery log.
 */

// Signs in by itself, so the story needs no state from another project.
test.use({ storageState: { cookies: [], origins: [] } });

test('when a tenant admin sets the interval and adds a webhook channel, then a too-small interval and a private address are refused with what to do, and a test alert arrives signed and shows in the delivery log', async ({ page, baseURL }) => {
  const receiver = await startWebhookReceiver(webhookReceiverPort(baseURL!));
  try {
    await signIn(page, ADMIN.username, ADMIN.password);
    const headers = await csrfHeaders(page.request);
    const tenantName = `Monitoring Co ${Date.now()}`;
    const created = await page.request.post('/api/tenants', { data: { name: tenantName }, headers });
    expect(created.status()).toBe(201);
    const tenantId = (await created.json()).id as string;
    const settingsUrl = `/api/tenants/${tenantId}/health/settings`;
    const channelsUrl = `/api/tenants/${tenantId}/alerts/channels`;

    await page.reload();
    await page.getByRole('link', { name: tenantName }).click();
    await page.getByRole('button', { name: 'Monitoring' }).first().click();
    await expect(page.getByRole('heading', { name: 'Monitoring', exact: true })).toBeVisible();

    // The interval: the server's default until the tenant has its own; e2e servers run no scheduled checks.
    const interval = page.getByTestId('health-interval');
    await expect(interval.getByTestId('health-interval-from')).toHaveText('Server default');
    await expect(interval.getByTestId('health-interval-effective')).toHaveText('Every 15 minutes');
    await expect(interval.locator('[data-scheduled]')).toHaveAttribute('data-scheduled', 'false');

    // Below the minimum: the shared schema's message, and nothing is sent or stored.
    await interval.getByRole('radio', { name: 'Own interval for this tenant' }).click();
    await fill(interval, 'Interval in minutes', '2');
    await interval.getByRole('button', { name: 'Save interval' }).click();
    await expect(interval.getByTestId('health-interval-error')).toContainText('Checks run at most every 5 minutes');
    await expect(interval.getByTestId('health-interval-error')).toContainText('Enter 5 or more');
    expect((await (await page.request.get(settingsUrl)).json()).intervalMinutes).toBeNull();
    // The server refuses it just as well, with the same words, when the browser is bypassed.
    const refused = await page.request.put(settingsUrl, { data: { intervalMinutes: 2 }, headers });
    expect(refused.status()).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain('Enter 5 or more');
    expect((await (await page.request.get(settingsUrl)).json()).intervalMinutes).toBeNull();

    await fill(interval, 'Interval in minutes', '30');
    await interval.getByRole('button', { name: 'Save interval' }).click();
    await expect(interval.getByTestId('health-interval-effective')).toHaveText('Every 30 minutes');
    await expect(interval.getByTestId('health-interval-from')).toHaveText('This tenant’s own setting');
    await expect(interval.getByTestId('health-interval-error')).toHaveCount(0);
    expect(await (await page.request.get(settingsUrl)).json()).toMatchObject({ intervalMinutes: 30, effectiveIntervalSeconds: 1800 });

    // A webhook to a private address is refused with what to do, and nothing is stored.
    const channels = page.getByTestId('alert-channels');
    await channels.getByRole('button', { name: 'Add channel' }).click();
    const dialog = openDialog(page);
    await expect(dialog.getByLabel('Type', { exact: true }).first()).toBeVisible();
    // Checked in the browser with the shared schema first: no name, no URL, nothing sent.
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(page.locator('ui5-input#alert-channel-name')).toHaveAttribute('value-state', 'Negative');
    await expect(dialog).toContainText('Give the channel a name.');
    await expect(dialog).toContainText('Enter the https:// URL of the webhook receiver.');
    await fill(dialog, 'Name', 'Ops webhook');
    await fill(dialog, 'Webhook URL', 'https://192.168.10.20/task-center');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    const refusal = dialog.locator('.error-strip');
    await expect(refusal).toContainText('names an IP address');
    await expect(refusal).toContainText('Use the receiver’s public https:// host name.');
    expect((await (await page.request.get(channelsUrl)).json()).items).toHaveLength(0);
    await screenshot(page, '75-alert-channel-dialog');

    // The receiver's public name (served on loopback in e2e only): created, and the generated secret shown once.
    await fill(dialog, 'Webhook URL', `https://${WEBHOOK_HOST}/task-center`);
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    const secretField = page.locator('#alert-channel-new-secret input');
    await expect(secretField).toBeVisible();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(secretField).toHaveCount(0);

    const row = channels.locator('.alert-channel').filter({ hasText: 'Ops webhook' });
    await expect(row).toContainText('Webhook');
    await expect(row).toContainText(`https://${WEBHOOK_HOST}/task-center`);
    await expect(row.locator('[data-secret-set]')).toHaveText('Set');

    // Write-only: editing says a secret is set, and the page never shows it again.
    await channels.getByRole('button', { name: 'Edit Ops webhook' }).click();
    await expect(page.getByTestId('alert-channel-secret-state')).toHaveText('A signing secret is set. It is never shown again.');
    await expect(page.locator('body')).not.toContainText(secret);
    // Replaced by a generated one, shown once again; the old one no longer signs.
    await page.getByRole('radio', { name: 'Generate a new one (shown once)' }).click();
    await openDialog(page).getByRole('button', { name: 'Save', exact: true }).click();
    await expect(secretField).toBeVisible();
    const rotated = await secretField.inputValue();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByTestId('alert-channel-secret-state')).toHaveCount(0);

    // Send test alert: delivered, signed with the secret shown last, and in the log.
    await channels.getByRole('button', { name: 'Send test alert through Ops webhook' }).click();
    const result = page.getByTestId('alert-test-result');
    await expect(result).toHaveAttribute('data-status', 'delivered');
    await expect(result).toContainText('Test alert delivered through “Ops webhook”.');
    await expect.poll(() => receiver.received.length).toBe(1);
    const [hook] = receiver.received;
    expect(hook!.path).toBe('/task-center');
    expect(signatureValid(rotated, hook!.raw, hook!.headers['x-tcc-signature'])).toBe(true);
    expect(signatureValid(secret, hook!.raw, hook!.headers['x-tcc-signature'])).toBe(false);
    expect(JSON.parse(hook!.raw)).toMatchObject({ event: 'test' });

    const log = page.getByTestId('alert-deliveries');
    const delivery = log.locator('.alert-delivery');
    await expect(delivery).toHaveCount(1);
    await expect(delivery).toHaveAttribute('data-status', 'delivered');
    await expect(delivery).toHaveAttribute('data-event', 'test');
    await expect(delivery).toContainText('Ops webhook');
    await expect(delivery).toContainText('Test alert');
    await expect(delivery).toContainText('Delivered');
    await expect(delivery).not.toContainText('HTTP 200');
    // The page scrolls inside the DynamicPage, so a taller window shows all three sections in one picture.
    await page.setViewportSize({ width: 1440, height: 1150 });
    await screenshot(page, '74-monitoring-settings');
    await page.setViewportSize({ width: 1440, height: 900 });

    // Delete, after confirming: the channel and its log are gone.
    await channels.getByRole('button', { name: 'Delete Ops webhook' }).click();
    await expect(openDialog(page)).toContainText('Delete the alert channel “Ops webhook”?');
    await openDialog(page).getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(row).toHaveCount(0);
    await expect(delivery).toHaveCount(0);
    expect((await (await page.request.get(channelsUrl)).json()).items).toHaveLength(0);
  } finally {
    await receiver.close();
  }
});

test('when a viewer opens a tenant’s Monitoring, then they read the interval but are offered no change and no alert channels', async ({ page, browser }) => {
  await signIn(page, ADMIN.username, ADMIN.password);
  const headers = await csrfHeaders(page.request);
  const suffix = Date.now();
  const tenantName = `Monitoring Viewer Co ${suffix}`;
  const created = await page.request.post('/api/tenants', { data: { name: tenantName }, headers });
  expect(created.status()).toBe(201);
  const tenantId = (await created.json()).id as string;
  expect((await page.request.put(`/api/tenants/${tenantId}/health/settings`, { data: { intervalMinutes: 45 }, headers })).status()).toBe(200);
  const viewer = { username: `mona.monitor.${suffix}`, password: 'monitor-viewer-password-2026' };
  const user = await page.request.post('/api/users', { headers, data: { username: viewer.username, displayName: 'Mona Monitor', password: viewer.password } });
  expect(user.status()).toBe(201);
  expect((await page.request.put(`/api/tenants/${tenantId}/members/${(await user.json()).id}`, { headers, data: { role: 'viewer' } })).ok()).toBe(true);

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const viewerPage = await context.newPage();
  try {
    await signIn(viewerPage, viewer.username, viewer.password);
    await viewerPage.getByRole('link', { name: tenantName }).click();
    await viewerPage.getByRole('button', { name: 'Monitoring' }).first().click();
    const interval = viewerPage.getByTestId('health-interval');
    await expect(interval.getByTestId('health-interval-effective')).toHaveText('Every 45 minutes');
    await expect(interval.getByTestId('health-interval-from')).toHaveText('This tenant’s own setting');
    await expect(viewerPage.getByText('Alert channels and their delivery log are shown to operators and admins of this tenant.')).toBeVisible();
    await expect(viewerPage.getByRole('button', { name: 'Save interval' })).toHaveCount(0);
    await expect(viewerPage.getByRole('radio')).toHaveCount(0);
    await expect(viewerPage.getByTestId('alert-channels')).toHaveCount(0);
    await expect(viewerPage.getByRole('button', { name: 'Add channel' })).toHaveCount(0);
  } finally {
    await context.close();
  }
});
