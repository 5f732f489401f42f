import { expect, test } from '@playwright/test';
import { fill, openDialog, screenshot } from '../support/admin.js';
import { createConnectionViaApi, csrfHeaders } from '../support/api-setup.js';

test.describe('system admins manage users, and every member can read a tenant’s audit log', () => {
  test('when the admin creates a user from the Users page, then the dialog checks the input and the table shows the new user', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Profile of Administrator' }).click();
    await page.getByRole('button', { name: 'Users', exact: true }).click();
    await expect(page).toHaveURL(/\/users$/);
    await expect(page.getByRole('heading', { name: 'Users', exact: true })).toBeVisible();
    await expect(page.getByRole('grid', { name: 'Users' })).toBeVisible();
    // UI5 table rows are slotted into the grid's shadow DOM: found by their accessible name, not inside the grid.
    await expect(page.getByRole('row', { name: /^admin Administrator/ })).toContainText('Yes');

    await page.getByRole('button', { name: 'Create user' }).first().click();
    const dialog = openDialog(page);
    await fill(dialog, 'User name', 'admin');
    await fill(dialog, 'Name', 'Uma User');
    await fill(dialog, 'Password', 'short');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    // Checked in the browser with the shared schema: nothing is sent yet.
    await expect(dialog).toContainText('A password has at least 12 characters.');

    await fill(dialog, 'Password', 'uma-password-2026');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    // The server refuses a taken user name; its answer shows in the dialog, which stays open.
    await expect(dialog.getByText('A user admin exists already.')).toBeVisible();

    await fill(dialog, 'User name', 'uma.user');
    await expect(dialog.getByRole('checkbox', { name: 'System administrator' })).not.toBeChecked();
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(openDialog(page)).toHaveCount(0);
    const created = page.getByRole('row', { name: /^uma\.user / });
    await expect(created).toContainText('Uma User');
    await expect(created).toContainText('No');
    await expect(created).toContainText('Can sign in');
    // Disabling ends the user's sessions and blocks sign-in; one's own row offers no such button.
    await expect(page.getByRole('button', { name: /^Disable admin/ })).toHaveCount(0);
    await page.getByRole('button', { name: /^Disable uma\.user/ }).click();
    await expect(page.getByRole('row', { name: /^uma\.user / })).toContainText('Disabled');
    await screenshot(page, '40-users');
  });

  test('when changes are made in a tenant, then its audit log lists them, filters by result and exports the same entries as CSV', async ({ page, request }) => {
    const setup = await createConnectionViaApi(request, 'Audit Trail Co');
    const headers = await csrfHeaders(request);
    const steps = `/api/tenants/${setup.tenantId}/connections/${setup.connectionId}/steps`;
    const done = await request.put(`${steps}/2`, { headers, data: { status: 'done', version: setup.version } });
    expect(done.status()).toBe(200);

    await page.goto(`/tenants/${setup.tenantId}`);
    await page.getByRole('button', { name: 'Audit log' }).click();
    await expect(page).toHaveURL(new RegExp(`/tenants/${setup.tenantId}/audit$`));
    await expect(page.getByRole('heading', { name: 'Audit log', exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Audit Trail Co' })).toBeVisible();
    await expect(page.getByRole('grid', { name: 'Audit log entries' })).toBeVisible();
    // Actions appear by the names the UI uses, not the API's route names.
    const LABELS: Record<string, string> = { createConnection: 'Add connection', updateStep: 'Save step' };
    const rowsOf = (action: string) => page.getByRole('row', { name: new RegExp(` admin ${LABELS[action]} `) });
    await expect(rowsOf('createConnection')).toHaveCount(1);
    await expect(rowsOf('updateStep')).toHaveCount(1);
    await expect(rowsOf('updateStep')).toContainText('step 2');
    await expect(rowsOf('updateStep')).toContainText('OK');

    // Step 9 needs step 8 first: the server refuses, and the refusal is logged too.
    const refused = await request.put(`${steps}/9`, { headers, data: { status: 'done', version: (await done.json()).version } });
    expect(refused.status()).toBe(409);
    const refusedCode = (await refused.json()).error.code as string;

    await page.getByRole('combobox', { name: 'Result' }).click();
    await page.getByRole('option', { name: 'Refused' }).click();
    const refusedRow = rowsOf('updateStep');
    await expect(refusedRow).toHaveCount(1);
    await expect(refusedRow).toContainText('step 9');
    await expect(refusedRow).toContainText('Refused');
    await expect(refusedRow).toContainText(refusedCode);
    await expect(rowsOf('createConnection')).toHaveCount(0);
    await expect(page.getByText('Entries (1)')).toBeVisible();
    // The action filter offers the names the log shows.
    await page.getByRole('combobox', { name: 'Action' }).click();
    await page.getByRole('option', { name: 'Add connection' }).click();
    await expect(page.getByText('Entries (0)')).toBeVisible();
    await page.getByRole('combobox', { name: 'Action' }).click();
    await page.getByRole('option', { name: 'Save step' }).click();
    await expect(page.getByText('Entries (1)')).toBeVisible();

    const exportLink = page.getByRole('link', { name: 'Export CSV' });
    const href = await exportLink.getAttribute('href');
    expect(href).toContain('audit.csv');
    expect(href).toContain('result=refused');
    expect(href).toContain('action=updateStep');
    const csv = await page.request.get(href!);
    expect(csv.status()).toBe(200);
    const lines = (await csv.text()).trim().split(/\r?\n/);
    expect(lines[0]).toBe('at,actor,action,connectionId,object,result,detail');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('refused');
    await screenshot(page, '41-audit-log');
  });
});
