import { expect, test } from '@playwright/test';
import { screenshot, signIn } from '../support/admin.js';

test('when the app runs with the sandbox on, then a newcomer finds the demo tenant and its connection labelled "Sandbox"', async ({ page }) => {
  await signIn(page, 'demo-admin', 'TaskCenter-Sandbox-2026');
  await page.getByRole('link', { name: 'Sandbox demo' }).click();
  const row = page.getByRole('row', { name: /Sandbox/ });
  await expect(row).toContainText('my900001.s4hana.ondemand.com');
  await expect(row.getByText('Sandbox', { exact: true })).toBeVisible();
  await screenshot(page, '30-sandbox-tenant');
  await page.getByRole('link', { name: 'Sandbox', exact: true }).click();
  await expect(page.getByRole('heading', { name: /^Step 1:/ })).toBeVisible();
  await expect(page.locator('.sandbox-tag').first()).toContainText('Sandbox');
  const cockpit = page.getByRole('link', { name: 'Open the sandbox’s SAP apps' });
  await expect(cockpit).toBeVisible();
  await screenshot(page, '31-sandbox-wizard');
  const cockpitPage = await page.context().newPage();
  await cockpitPage.goto((await cockpit.getAttribute('href'))!);
  await expect(cockpitPage.getByRole('heading', { name: 'SAP sandbox' })).toBeVisible();
  await expect(cockpitPage.getByRole('link', { name: 'Download Trust' })).toBeVisible();
  await screenshot(cockpitPage, '32-sandbox-cockpit');
});
