import { expect, test } from '@playwright/test';
import { rsaCertificatePem } from '@tcc/testkit';
import { addConnection, ADMIN, createTenant, signIn, fill, markDone, screenshot, stepItem, stepStatus, TRUST_CN, uploadCertificate, writeUploadFile } from '../support/admin.js';

/** What the admin reads in S/4HANA and types in, step by step. */
const ENTRIES: Record<number, Record<string, string>> = {
  3: { 'Communication user name': 'TASKCENTER_USER', 'Communication user description': 'Task Center pull' },
  5: { 'System ID': 'TASKCENTER', 'System Name': 'SAP Task Center' },
  17: { 'Arrangement Name': 'SAP_COM_0501_TASKCENTER' },
  19: {
    'Client ID': 'TASKCENTER_USER',
    'Token Service URL': 'https://my123456-api.s4hana.ondemand.com/sap/bc/sec/oauth2/token',
    'SAML2 Audience': 'https://my123456.s4hana.ondemand.com',
  },
};
const STEPS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19, 20];

test('a new admin sets up a connection from an empty app to complete, and finds it all kept after a reload', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sign in to Task Center Connect' })).toBeVisible();
  await screenshot(page, '00-sign-in');
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByText('Create a tenant for each customer', { exact: false })).toBeVisible();
  await screenshot(page, '01-dashboard-empty');

  await createTenant(page, 'Acme Corp');
  await page.getByRole('link', { name: 'Acme Corp' }).click();
  await expect(page.getByRole('button', { name: 'Add connection' }).first()).toBeVisible();
  await screenshot(page, '02-tenant-empty');
  await addConnection(page, { name: 'Production' });

  // The wizard opens at the first unfinished step: step 1.
  await expect(page.getByRole('heading', { name: /Step 1: Download the trust certificate/ })).toBeVisible();
  await uploadCertificate(page, writeUploadFile('trust.pem', rsaCertificatePem({ cn: TRUST_CN })));
  await expect(page.getByText(TRUST_CN).first()).toBeVisible();
  await expect(stepStatus(page, 1)).toHaveAttribute('data-status', 'done');
  await screenshot(page, '03-wizard-certificate');

  for (const id of STEPS.filter((step) => step !== 1)) {
    await stepItem(page, id).click();
    await expect(page.getByRole('heading', { name: new RegExp(`^Step ${id}:`) })).toBeVisible();
    for (const [label, value] of Object.entries(ENTRIES[id] ?? {})) await fill(page, label, value);
    if (id === 9) {
      await page.getByRole('button', { name: 'Copy OAuth 2.0 SAML Issuer' }).click();
      await expect(page.getByText('Copied')).toBeVisible();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(TRUST_CN);
      await screenshot(page, '04-wizard-step-9-issuer');
    }
    if (id === 19) await screenshot(page, '05-wizard-step-19-checks');
    if (id === 20) {
      await page.getByRole('button', { name: 'Copy tokenServiceURL', exact: true }).click();
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(ENTRIES[19]!['Token Service URL']);
      await screenshot(page, '06-wizard-step-20-destination');
    }
    await markDone(page, id);
  }

  await page.getByRole('link', { name: 'Acme Corp' }).click();
  const row = page.getByRole('row', { name: /Production/ });
  await expect(row).toContainText('19 of 19');
  // Ticked steps prove nothing: without a passing Test connection the row says so, never "complete" or "working".
  await expect(row.locator('.connection-state')).toHaveAttribute('data-state', 'set_up');
  await expect(row).toContainText('Set up, not tested');
  await expect(row).not.toContainText('Working');
  await expect(page.locator('ui5-toast[open]')).toHaveCount(0);
  await screenshot(page, '07-tenant-connections-complete');

  await page.reload();
  await expect(page.getByRole('row', { name: /Production/ })).toContainText('19 of 19');
  await page.getByRole('link', { name: 'Production' }).click();
  await stepItem(page, 17).click();
  await expect(page.getByLabel('Arrangement Name', { exact: true })).toHaveValue('SAP_COM_0501_TASKCENTER');
  for (const id of STEPS) await expect(stepStatus(page, id)).toHaveAttribute('data-status', 'done');
  await page.goto('/');
  await expect(page.getByRole('row', { name: /Acme Corp/ })).toContainText('1');
  await screenshot(page, '08-dashboard-tenants');
});
