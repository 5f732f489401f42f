import { expect, test, type Page } from '@playwright/test';
import { openDialog, screenshot, signIn } from '../support/admin.js';

/**
 * The morning question, in Chromium against the lenient sandbox (after assisted-setup-profiles set the demo connection
 * up there): which connection is broken, why, and what to click. Someone deletes the SAP_COM_0501 arrangement behind
 * the product's back; Check all now shows the connection broken with its cause and step; the step link opens the wizard
 * there; Repair in the health panel (assisted setup's plan for just the drifted objects, reviewed) and Check now bring it
 * back to healthy, and the history shows both changes.
 */
const sandboxAction = async (page: Page, action: string) => {
  const info = (await (await page.request.get('/api/sandbox')).json()) as { cockpitUrl: string };
  const answer = await page.request.post(`${info.cockpitUrl}actions/${action}`, { data: {} });
  expect(answer.ok()).toBe(true);
  return answer.json();
};

const scrollTop = (page: Page) =>
  page.locator('ui5-dynamic-page').evaluate((el) => el.shadowRoot?.querySelector('.ui5-dynamic-page-scroll-container')?.scrollTo(0, 0));

test('given a working connection, when its arrangement is deleted in S/4HANA, then the dashboard shows it broken with the cause and step, and Repair brings it back to healthy', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, 'demo-admin', 'TaskCenter-Sandbox-2026');
  await page.getByRole('link', { name: 'Sandbox demo' }).click();
  await page.getByRole('link', { name: 'Sandbox', exact: true }).click();
  const panel = page.getByTestId('health-panel');
  await expect(panel).toHaveAttribute('data-health', 'none');
  await expect(panel).toContainText('Not checked yet');

  // Healthy first: every read-only check passes after the set-up the profiles story did.
  await panel.getByRole('button', { name: 'Check now' }).click();
  await expect(panel).toHaveAttribute('data-health', 'healthy', { timeout: 30_000 });
  await expect(panel.getByTestId('health-findings').locator('.health-finding[data-code]').filter({ hasNot: page.locator('[state="Information"]') })).toHaveCount(0);

  // Behind the product's back: an admin deletes the SAP_COM_0501 arrangement in S/4HANA.
  const { deleted } = (await sandboxAction(page, 'delete-arrangement')) as { deleted: string[] };
  expect(deleted.length).toBeGreaterThan(0);

  // The tenant's list: Check all now, then only what needs attention, most severe first.
  await page.getByRole('link', { name: 'Sandbox demo' }).click();
  await page.getByRole('button', { name: 'Check all now' }).click();
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Sandbox', exact: true }) });
  await expect(row.locator('.health-summary')).toHaveAttribute('data-health', 'broken', { timeout: 30_000 });
  await expect(row.locator('.health-top-finding')).toContainText(/Step 1[78]:/);
  await expect(row.locator('.health-checks')).toContainText('Last check');
  await page.getByRole('checkbox', { name: 'Needs attention only' }).check();
  await expect(page.getByRole('checkbox', { name: 'Needs attention only' })).toBeChecked();
  await expect(row).toBeVisible();
  await screenshot(page, '70-health-dashboard');

  // The tenants page counts it as broken.
  await page.getByRole('link', { name: 'Tenants' }).first().click();
  const tenantRow = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Sandbox demo' }) });
  await expect(tenantRow.locator('[data-count="broken"]')).toContainText('1 broken');
  await screenshot(page, '73-health-tenants');

  // The connection page: the cause, where, and the step that fixes it.
  await tenantRow.getByRole('link', { name: 'Sandbox demo' }).click();
  await page.getByRole('link', { name: 'Sandbox', exact: true }).click();
  await expect(panel).toHaveAttribute('data-health', 'broken');
  const finding = panel.locator('.health-finding').first();
  await expect(finding).toHaveAttribute('data-code', /^ARRANGEMENT_/);
  await expect(finding.locator('.health-cause')).toContainText(/arrangement/i);
  await scrollTop(page);
  await screenshot(page, '71-health-panel-broken');

  const stepLink = finding.getByRole('link', { name: /^Open step \d+ to fix/ });
  await expect(stepLink).toBeVisible();
  const step = Number(await finding.locator('ui5-link[data-step]').getAttribute('data-step'));
  expect(step).toBeGreaterThan(0);
  await stepLink.click();
  await expect(page).toHaveURL(new RegExp(`[?&]step=${step}$`));
  await expect(page.locator('#step-panel-title')).toContainText(`Step ${step}:`);

  // Repair, from the health panel: a plan of just the drifted objects — the missing arrangement, made again after review.
  await scrollTop(page);
  await panel.getByRole('button', { name: 'Repair', exact: true }).click();
  const plan = openDialog(page);
  await expect(plan).toHaveAttribute('header-text', 'Review the repair', { timeout: 30_000 });
  await expect(plan.locator('.plan-unit[data-unit="arrangement"]')).toHaveAttribute('data-action', 'create');
  await expect(plan.locator('.plan-unit[data-action="create"]')).toHaveCount(1);
  await expect(plan.locator('.plan-unit')).toHaveCount(1);
  await expect(plan.getByTestId('plan-repair-unchanged')).toContainText('6 other SAP object(s) match');
  await screenshot(page, '79-health-repair-plan');
  await plan.getByRole('button', { name: 'Run', exact: true }).click();
  const progress = page.getByTestId('run-progress');
  await expect(progress).toHaveAttribute('data-run-status', 'succeeded', { timeout: 90_000 });
  await expect(progress).toHaveAttribute('data-repair', 'true');
  await expect(progress.locator('.run-unit[data-repair="true"]')).toHaveCount(1);
  await expect(progress.locator('.run-unit[data-unit="arrangement"]')).toHaveAttribute('data-repair', 'true');

  await panel.getByRole('button', { name: 'Check now' }).click();
  await expect(panel).toHaveAttribute('data-health', 'healthy', { timeout: 30_000 });
  const history = panel.getByTestId('health-history');
  await expect(history.locator('.health-event[data-kind="transition"][data-state="broken"]')).toHaveCount(1);
  await expect(history.locator('.health-event[data-kind="transition"][data-state="healthy"]')).toHaveCount(2);
  await expect(history.locator('.health-event').first()).toHaveAttribute('data-state', 'healthy');
  await history.scrollIntoViewIfNeeded();
  await screenshot(page, '72-health-history');
});
