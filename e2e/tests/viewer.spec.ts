import { expect, test } from '@playwright/test';
import { rsaCertificatePem } from '@tcc/testkit';
import { screenshot, signIn, stepItem, TRUST_CN } from '../support/admin.js';
import { createConnectionViaApi, csrfHeaders } from '../support/api-setup.js';

const VIEWER = { username: 'vera.viewer', password: 'viewer-password-2026' };

test('when a viewer signs in, then they can read a tenant but not change anything, and the server refuses changes anyway', async ({ request, browser }) => {
  const setup = await createConnectionViaApi(request, 'Viewer Co');
  const headers = await csrfHeaders(request);
  const certificate = Buffer.from(rsaCertificatePem({ cn: TRUST_CN })).toString('base64');
  await request.put(`/api/tenants/${setup.tenantId}/connections/${setup.connectionId}/trust-certificate`, {
    headers,
    data: { fileName: 'trust.pem', contentBase64: certificate, version: setup.version },
  });
  const user = await request.post('/api/users', { headers, data: { username: VIEWER.username, displayName: 'Vera Viewer', password: VIEWER.password } });
  expect(user.status()).toBe(201);
  await request.put(`/api/tenants/${setup.tenantId}/members/${(await user.json()).id}`, { headers, data: { role: 'viewer' } });

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signIn(page, VIEWER.username, VIEWER.password);
  await expect(page.getByRole('link', { name: 'Viewer Co' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Rename Viewer Co' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Delete Viewer Co' })).toHaveCount(0);

  await page.getByRole('link', { name: 'Viewer Co' }).click();
  await expect(page.getByRole('link', { name: 'Production' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add connection' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Delete Production' })).toHaveCount(0);

  await page.getByRole('link', { name: 'Production' }).click();
  await stepItem(page, 9).click();
  await expect(page.getByRole('button', { name: 'Copy OAuth 2.0 SAML Issuer' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Mark as done' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Skip' })).toHaveCount(0);
  await expect(page.getByText('You can view this tenant', { exact: false })).toBeVisible();
  await screenshot(page, '21-viewer-read-only');

  // Even a hand-made request with the viewer's own session and CSRF token is refused.
  const refused = await page.evaluate(async ({ tenantId, connectionId }) => {
    const me = await (await fetch('/api/auth/me')).json();
    const answer = await fetch(`/api/tenants/${tenantId}/connections/${connectionId}/steps/2`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
      body: JSON.stringify({ status: 'done', version: 2 }),
    });
    return { status: answer.status, body: await answer.json() };
  }, setup);
  expect(refused).toMatchObject({ status: 403, body: { error: { code: 'NOT_ALLOWED' } } });
  await context.close();
});
