import { expect, test, type Page } from '@playwright/test';
import { fill, openDialog, screenshot, signIn } from '../support/admin.js';

/** The units that make an SAP object; trust certificate and OAuth 2.0 details are only read. */
const OBJECT_UNITS = ['communicationUser', 'communicationSystem', 'inboundUser', 'arrangement', 'destination'];
const STEP_COUNT = 19;

interface SandboxDescriptor {
  btp: { destinationServiceKey: Record<string, string> };
  s4: { communicationManagement: { user: string; password: string } };
}

/** What `npm run sandbox` prints, read from the sandbox beside the server: the credentials an admin would be given. */
async function sandboxDescriptor(page: Page): Promise<SandboxDescriptor> {
  const info = (await (await page.request.get('/api/sandbox')).json()) as { cockpitUrl: string | null };
  expect(info.cockpitUrl).toMatch(/sandbox\/$/);
  const answer = await page.request.get(info.cockpitUrl!.replace(/sandbox\/$/, 'sandbox/descriptor'));
  expect(answer.ok()).toBe(true);
  return (await answer.json()) as SandboxDescriptor;
}

const planUnit = (page: Page, unit: string) => openDialog(page).locator(`.plan-unit[data-unit="${unit}"]`);

/** Opens the plan and waits until it is shown; answers the dialog. */
async function reviewPlan(page: Page) {
  await page.getByRole('button', { name: 'Set up automatically' }).click();
  const dialog = openDialog(page);
  await expect(dialog).toHaveAttribute('header-text', 'Review the plan', { timeout: 30_000 });
  await expect(dialog.locator('.plan-unit').first()).toBeVisible();
  return dialog;
}

/** Starts the run from the plan dialog and waits for a run other than `previousRunId` to succeed. */
async function runAndWait(page: Page, previousRunId: string | null) {
  await openDialog(page).getByRole('button', { name: 'Run', exact: true }).click();
  await expect(openDialog(page)).toHaveCount(0);
  const progress = page.getByTestId('run-progress');
  if (previousRunId) await expect(progress).not.toHaveAttribute('data-run-id', previousRunId);
  await expect(progress).toHaveAttribute('data-run-status', 'succeeded', { timeout: 90_000 });
  await expect(progress.getByText('Assisted setup completed')).toBeVisible();
  return progress.getAttribute('data-run-id');
}

test('given the sandbox credentials, when an admin runs assisted setup, then every step is done, the test passes, and a second run only adopts', async ({ page }) => {
  test.setTimeout(240_000);
  // UI5 logs a console error for every icon that was not imported in config/icons.ts.
  const iconErrors: string[] = [];
  page.on('console', (message) => {
    if (/icon/i.test(message.text())) iconErrors.push(message.text());
  });

  // Live progress comes as server-sent events; the page polls the latest run only while that stream is down.
  const streams: number[] = [];
  let polls = 0;
  page.on('response', (response) => {
    if (response.url().endsWith('/automation/runs/latest/events')) streams.push(response.status());
    if (response.url().endsWith('/automation/runs/latest')) polls += 1;
  });

  await signIn(page, 'demo-admin', 'TaskCenter-Sandbox-2026');
  await page.getByRole('link', { name: 'Sandbox demo' }).click();
  await page.getByRole('link', { name: 'Sandbox', exact: true }).click();
  const panel = page.getByTestId('assisted-setup');
  await expect(panel.getByText('Assisted setup', { exact: true }).first()).toBeVisible();
  await expect(panel.locator('[data-credential="destinationServiceKey"]')).toHaveAttribute('data-set', 'false');

  // Credentials, as an admin copies them from the BTP cockpit and the S/4HANA communication arrangement.
  const descriptor = await sandboxDescriptor(page);
  await panel.getByRole('button', { name: 'Edit credentials' }).click();
  const dialog = openDialog(page);
  await expect(dialog).toHaveAttribute('header-text', 'Credentials');
  await dialog.getByLabel('Destination service key (JSON)').first().fill(JSON.stringify(descriptor.btp.destinationServiceKey, null, 2));
  await fill(dialog, 'SAP_COM_0A48 user', descriptor.s4.communicationManagement.user);
  await fill(dialog, 'SAP_COM_0A48 password', descriptor.s4.communicationManagement.password);
  await expect(dialog.getByRole('checkbox', { name: 'Generate the Task Center user password' })).toBeChecked();
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(openDialog(page)).toHaveCount(0);
  for (const name of ['destinationServiceKey', 'communicationManagement', 'taskCenterUserPassword']) {
    await expect(panel.locator(`[data-credential="${name}"]`)).toHaveAttribute('data-set', 'true');
  }
  await expect(panel.getByText(`Client ID ${descriptor.btp.destinationServiceKey.clientid}`)).toBeVisible();
  await expect(panel).not.toContainText(descriptor.s4.communicationManagement.password);

  // First plan: every SAP object is still to be made.
  const plan = await reviewPlan(page);
  await expect(plan.getByTestId('plan-blockers')).toHaveCount(0);
  for (const unit of OBJECT_UNITS) await expect(planUnit(page, unit)).toHaveAttribute('data-action', 'create');
  await expect(planUnit(page, 'communicationUser')).toContainText('Create');
  await expect(planUnit(page, 'destination')).toContainText('SAP BTP');
  await expect(planUnit(page, 'arrangement')).toContainText('SAP S/4HANA Cloud');
  const pollsBefore = polls;
  const firstRunId = await runAndWait(page, null);
  expect(streams).toContain(200);
  expect(polls - pollsBefore, 'polls of the latest run while its stream was open').toBeLessThanOrEqual(1);

  // The steps the run recorded, all 19 of them.
  await expect(page.locator('[data-step-id][data-status="done"]')).toHaveCount(STEP_COUNT);
  await expect(page.locator('[data-step-id]:not([data-status="done"])')).toHaveCount(0);
  // Every step ticked proves nothing yet: the wizard says "set up, not tested" until the test passes.
  const proof = page.locator('.wizard-proof');
  await expect(proof).toHaveAttribute('data-state', 'set_up');
  await expect(proof).toContainText('nothing has proven the connection yet: choose Test connection.');
  await expect(page.locator('.wizard-header .connection-state')).toContainText('Set up, not tested');

  await panel.getByRole('button', { name: 'Test connection' }).click();
  const result = panel.getByTestId('test-result');
  await expect(result).toHaveAttribute('data-outcome', 'succeeded', { timeout: 30_000 });
  await expect(result).toContainText('The connection works.');
  await expect(proof).toHaveAttribute('data-state', 'working');
  await expect(proof).toContainText('Working: Test connection passed on');
  await expect(page.locator('.wizard-header .connection-state')).toContainText(/Working \(tested .+\)/);
  // The page scrolls inside the DynamicPage: back to its top, so the header, the panel and the step list show.
  await page.locator('ui5-dynamic-page').evaluate((el) => el.shadowRoot?.querySelector('.ui5-dynamic-page-scroll-container')?.scrollTo(0, 0));
  await screenshot(page, '50-assisted-setup-done');
  const calls = panel.getByTestId('sap-calls');
  await calls.click();
  await expect(calls.getByRole('row').filter({ hasText: 'POST' }).first()).toBeVisible();

  // Second plan: everything exists and is used as it is; running it again makes nothing new.
  const again = await reviewPlan(page);
  for (const unit of OBJECT_UNITS) await expect(planUnit(page, unit)).toHaveAttribute('data-action', 'adopt');
  await expect(again.locator('.plan-unit[data-action="create"]')).toHaveCount(0);
  await expect(again.locator('.plan-unit[data-action="update"]')).toHaveCount(0);
  await expect(planUnit(page, 'communicationSystem')).toContainText('Exists, used as it is');
  // The stream breaks (a proxy that cuts it, say): the page falls back to polling, silently, and still follows the run.
  await page.route('**/automation/runs/latest/events', (route) => route.abort());
  const pollsBeforeFallback = polls;
  await runAndWait(page, firstRunId);
  expect(polls - pollsBeforeFallback, 'polls of the latest run while its stream was down').toBeGreaterThan(0);
  await expect(panel.getByTestId('run-progress').locator('ui5-message-strip[design="Negative"]')).toHaveCount(0);
  await page.unroute('**/automation/runs/latest/events');
  await expect(page.locator('[data-step-id][data-status="done"]')).toHaveCount(STEP_COUNT);

  expect(iconErrors).toEqual([]);
});
