import { test as setup } from '@playwright/test';
import { ADMIN_STATE } from '../support/state-files.js';
import { ADMIN, signIn } from '../support/admin.js';

setup('sign in as the admin through the sign-in page', async ({ page }) => {
  await signIn(page, ADMIN.username, ADMIN.password);
  await page.context().storageState({ path: ADMIN_STATE });
});
