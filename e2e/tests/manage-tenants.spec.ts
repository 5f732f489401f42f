import { expect, test, type Route } from '@playwright/test';
import { addConnection, createTenant, fill, openDialog, screenshot } from '../support/admin.js';

test.describe('tenants and connections are managed like any Fiori list', () => {
  test('when tenants and connections are renamed, searched and deleted, then each delete is confirmed first', async ({ page }) => {
    await page.goto('/');
    await createTenant(page, 'Rename Me Inc');
    await createTenant(page, 'Keep Me Inc');

    await page.getByRole('button', { name: 'Rename Rename Me Inc' }).click();
    await fill(openDialog(page), 'Tenant name', 'Renamed Inc');
    await openDialog(page).getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('link', { name: 'Renamed Inc' })).toBeVisible();

    await page.getByLabel('Search tenants').first().fill('keep');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('link', { name: 'Renamed Inc' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Keep Me Inc' })).toBeVisible();
    await page.getByLabel('Search tenants').first().fill('');
    await page.keyboard.press('Enter');

    await page.getByRole('link', { name: 'Renamed Inc' }).click();
    await addConnection(page, { name: 'Dev', s4Host: 'my200001.s4hana.ondemand.com' });
    await expect(page.getByRole('heading', { name: /^Step 1:/ })).toBeVisible();
    await page.getByRole('link', { name: 'Renamed Inc' }).click();
    await page.getByRole('button', { name: 'Delete Dev' }).click();
    await expect(openDialog(page)).toContainText('Delete the connection “Dev” and all its progress?');
    await screenshot(page, '20-delete-connection-confirm');
    await openDialog(page).getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('link', { name: 'Dev' })).toBeVisible();
    await page.getByRole('button', { name: 'Delete Dev' }).click();
    await openDialog(page).getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(page.getByRole('link', { name: 'Dev' })).toHaveCount(0);

    await page.getByRole('link', { name: 'Tenants' }).click();
    await page.getByRole('button', { name: 'Delete Renamed Inc' }).click();
    await expect(openDialog(page)).toContainText('Delete the tenant “Renamed Inc” and all its connections');
    await openDialog(page).getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(page.getByRole('link', { name: 'Renamed Inc' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Keep Me Inc' })).toBeVisible();
  });

  test('when an admin uses only the keyboard, then a tenant can be created and opened', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('button', { name: 'Create tenant' }).first()).toBeVisible();
    let focused = '';
    for (let presses = 0; presses < 15 && focused !== 'Create tenant'; presses += 1) {
      await page.keyboard.press('Tab');
      // UI5 controls take focus on their host element; a toolbar button carries its text as an attribute.
      focused = await page.evaluate(() => {
        const element = document.activeElement;
        return (element?.getAttribute('text') || element?.textContent || '').trim();
      });
    }
    expect(focused).toBe('Create tenant');
    await page.keyboard.press('Enter');
    await expect(openDialog(page)).toBeVisible();
    await page.keyboard.type('Keyboard Co');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('link', { name: 'Keyboard Co' })).toBeVisible();
  });

  test('when the code of a page or a dialog fails to load (a network blip), then the next visit or "Try again" loads it', async ({ page }) => {
    // Vite names a chunk after its module: the Users page's and the tenant name dialog's fail while `offline` is set.
    let offline = true;
    const blip = (route: Route) => (offline ? route.abort('internetdisconnected') : route.continue());
    await page.route(/\/assets\/users-[\w-]+\.js$/, blip);
    await page.route(/\/assets\/tenant-name-dialog-[\w-]+\.js$/, blip);
    const loadFailed = page.getByText('This part of the app could not be loaded.', { exact: false });

    await page.goto('/');
    await page.getByRole('button', { name: 'Profile of Administrator' }).click();
    await page.getByRole('button', { name: 'Users', exact: true }).click();
    await expect(loadFailed).toBeVisible();
    offline = false;
    // React.lazy would keep the failed load until a full reload; going elsewhere and back loads the page now.
    await page.getByRole('button', { name: 'Go to tenants' }).click();
    await expect(page).toHaveURL(/\/$/);
    await page.goBack();
    await expect(page).toHaveURL(/\/users$/);
    await expect(page.getByRole('heading', { name: 'Users', exact: true })).toBeVisible();

    offline = true;
    await page.goBack();
    await page.getByRole('button', { name: 'Create tenant' }).first().click();
    await expect(loadFailed).toBeVisible();
    offline = false;
    await page.getByRole('button', { name: 'Try again' }).click();
    await createTenant(page, 'Second Try Co');
  });

  test('when the app loads, then every request stays on this server and nothing logs an error', async ({ page, baseURL }) => {
    const foreign: string[] = [];
    const errors: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(baseURL!) && !request.url().startsWith('data:')) foreign.push(request.url());
    });
    page.on('requestfailed', (request) => errors.push(`failed: ${request.url()}`));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto('/');
    await page.getByRole('link', { name: 'Keep Me Inc' }).click();
    await expect(page.getByRole('button', { name: 'Add connection' }).first()).toBeVisible();
    const fontsLoaded = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((font) => font.family.includes('72') && font.status === 'loaded').length;
    });
    expect(fontsLoaded).toBeGreaterThan(0);
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
  });
});
