import { expect, test } from '@playwright/test';
import { openDialog, screenshot, signIn } from '../support/admin.js';

/**
 * Certificate rotation without downtime, in Chromium against the lenient sandbox (after the health story left its demo
 * connection healthy): the panel reads both systems, generates the passive certificate, and the confirmed switch ends
 * with both systems on the new certificate, the connection test passed and the connection healthy.
 */
test('given a working connection, when the admin generates a passive certificate and switches, then both systems use it and the connection stays healthy', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'demo-admin', 'TaskCenter-Sandbox-2026');
  await page.getByRole('link', { name: 'Sandbox demo' }).click();
  await page.getByRole('link', { name: 'Sandbox', exact: true }).click();

  const panel = page.getByTestId('trust-rotation');
  // Collapsed until opened: it reads SAP only then.
  await panel.getByRole('button', { name: 'Trust certificate rotation' }).click();
  await expect(panel.getByTestId('rotation-s4-holds')).toHaveAttribute('data-holds', 'active', { timeout: 30_000 });
  await expect(panel.getByTestId('rotation-passive')).toHaveText('None');
  const switchButton = panel.getByRole('button', { name: 'Switch to the passive certificate' });
  await expect(switchButton).toBeDisabled();
  await expect(panel).toContainText('Generate the passive certificate first');
  const activeBefore = await panel.getByTestId('rotation-active').textContent();

  await panel.getByRole('button', { name: 'Generate passive certificate' }).click();
  await expect(panel.getByTestId('rotation-passive')).toContainText('SHA-256', { timeout: 30_000 });
  await expect(switchButton).toBeEnabled();
  await expect(panel.getByRole('button', { name: 'Download passive certificate (.pem)' })).toBeVisible();
  const passive = await panel.getByTestId('rotation-passive').textContent();
  await panel.scrollIntoViewIfNeeded();
  await screenshot(page, '76-rotation-passive-ready');

  await switchButton.click();
  const dialog = openDialog(page);
  await expect(dialog).toHaveAttribute('header-text', 'Switch to the passive certificate?');
  await dialog.getByRole('button', { name: 'Switch now' }).click();
  const result = panel.getByTestId('trust-rotation-result');
  await expect(result).toHaveAttribute('data-outcome', 'rotated', { timeout: 60_000 });
  await expect(result).toContainText('and the connection test passes');
  await expect(result.locator('li[data-status="failed"]')).toHaveCount(0);
  // The former passive certificate signs now; the former active one waits as passive.
  await expect(panel.getByTestId('rotation-active')).toHaveText(passive!);
  await expect(panel.getByTestId('rotation-passive')).toHaveText(activeBefore!);
  await expect(page.getByTestId('health-panel')).toHaveAttribute('data-health', 'healthy', { timeout: 30_000 });
  await result.scrollIntoViewIfNeeded();
  await screenshot(page, '77-rotation-done');
});
