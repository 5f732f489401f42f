import fs from 'node:fs';
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

const root = path.resolve(import.meta.dirname, '../..');
export const SCREENSHOT_DIR = path.join(root, 'test-results/screenshots');
const FILE_DIR = path.join(root, 'e2e/.tmp/files');

export const SUBACCOUNT_ID = '8f2d3c1a-5b6e-4f70-9a81-2c3d4e5f6a7b';
export const LANDSCAPE = 'eu10.hana.ondemand.com';
export const TRUST_CN = `cfapps.${LANDSCAPE}/${SUBACCOUNT_ID}`;
export const S4_HOST = 'my123456.s4hana.ondemand.com';

/** Writes a full-page screenshot where anyone can look at it after the run. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // Transitions finished (a progress bar mid-animation looks half empty at 19 of 19).
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true, animations: 'disabled' });
}

/** A file as an admin would pick it from their downloads folder. */
export function writeUploadFile(name: string, content: string | Buffer): string {
  fs.mkdirSync(FILE_DIR, { recursive: true });
  const file = path.join(FILE_DIR, name);
  fs.writeFileSync(file, content);
  return file;
}

/** UI5 dialogs keep their buttons in shadow DOM that role queries on the dialog element do not reach. */
export const openDialog = (page: Page): Locator => page.locator('ui5-dialog[open]');

/** Types into a UI5 input found by its label, replacing what is there. */
export async function fill(scope: Page | Locator, label: string, value: string): Promise<void> {
  const input = scope.getByLabel(label, { exact: true }).first();
  await input.fill(value);
}

export const stepItem = (page: Page, id: number): Locator => page.getByRole('listitem', { name: new RegExp(`^Step ${id} —`) });
/** The list item's host element, which carries the step's status as data-status. */
export const stepStatus = (page: Page, id: number): Locator => page.locator(`[data-step-id="${id}"]`);

export async function createTenant(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Create tenant' }).first().click();
  const dialog = openDialog(page);
  await fill(dialog, 'Tenant name', name);
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page.getByRole('link', { name })).toBeVisible();
}

export async function addConnection(page: Page, fields: { name: string; s4Host?: string; subaccountId?: string }): Promise<void> {
  await page.getByRole('button', { name: 'Add connection' }).first().click();
  const dialog = openDialog(page);
  await fill(dialog, 'Connection name', fields.name);
  await fill(dialog, 'Subaccount ID', fields.subaccountId ?? SUBACCOUNT_ID);
  await fill(dialog, 'Landscape domain', LANDSCAPE);
  // Leave the combo box as a user does (Tab): its suggestion list otherwise stays open over the next field, and under
  // load the next text went into the combo box (seen in CI).
  await dialog.getByLabel('Landscape domain', { exact: true }).first().press('Tab');
  await fill(dialog, 'S/4HANA Cloud host', fields.s4Host ?? S4_HOST);
  await expect(dialog.getByLabel('Landscape domain', { exact: true }).first()).toHaveValue(LANDSCAPE);
  await expect(dialog.getByLabel('S/4HANA Cloud host', { exact: true }).first()).toHaveValue(fields.s4Host ?? S4_HOST);
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
}

export async function uploadCertificate(page: Page, file: string): Promise<void> {
  await page.getByLabel('Trust certificate file').setInputFiles(file);
}

export async function markDone(page: Page, stepId: number): Promise<void> {
  await page.getByRole('button', { name: 'Mark as done' }).click();
  await expect(stepStatus(page, stepId)).toHaveAttribute('data-status', 'done');
}

export const ADMIN = { username: 'admin', password: 'e2e-admin-password-2026' };

/** Signs in through the sign-in page, as a person does. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sign in to Task Center Connect' })).toBeVisible();
  await fill(page, 'User name', username);
  await fill(page, 'Password', password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Task Center Connect' })).toHaveCount(0);
}
