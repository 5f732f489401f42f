import { expect, test } from '@playwright/test';
import { days, rsaCertificatePem, rsaPrivateKeyPem, samlMetadataXml } from '@tcc/testkit';
import { addConnection, createTenant, fill, openDialog, screenshot, stepItem, TRUST_CN, uploadCertificate, writeUploadFile } from '../support/admin.js';
import { createConnectionViaApi, skipStepsBefore } from '../support/api-setup.js';

test.describe('bad input is refused with what to fix, and nothing saved is lost', () => {
  test('when the wrong files are uploaded as the trust certificate, then each is refused, the expired one too, and step 1 stays not started', async ({ page, request }) => {
    const setup = await createConnectionViaApi(request, 'Uploads Co');
    await page.goto(setup.url);

    await uploadCertificate(page, writeUploadFile('private-key.pem', rsaPrivateKeyPem()));
    const refused = page.locator('[data-error-code="PRIVATE_KEY_REFUSED"]');
    await expect(refused).toContainText('contains a private key');
    await screenshot(page, '10-upload-private-key-refused');

    await uploadCertificate(page, writeUploadFile('metadata.xml', samlMetadataXml(rsaCertificatePem({ cn: TRUST_CN }))));
    await expect(page.locator('[data-error-code="NOT_A_CERTIFICATE"]')).toContainText('SAML metadata XML');

    await uploadCertificate(page, writeUploadFile('random.bin', Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 131) % 256))));
    await expect(page.locator('[data-error-code="NOT_A_CERTIFICATE"]')).toContainText('neither a PEM nor a DER certificate');
    await expect(page.locator('[data-step-id="1"]')).toHaveAttribute('data-status', 'not_started');

    // An expired certificate is refused outright (S/4HANA could never trust it): nothing saved, step 1 not done.
    await uploadCertificate(page, writeUploadFile('expired.pem', rsaCertificatePem({ cn: TRUST_CN, notBefore: days(-800), notAfter: days(-5) })));
    const expired = page.locator('[data-error-code="CERTIFICATE_EXPIRED"]');
    await expect(expired).toContainText('The certificate expired on');
    await expect(expired).toContainText('Download Trust');
    await expect(expired).toContainText('Nothing was saved');
    await expect(page.locator('[data-step-id="1"]')).toHaveAttribute('data-status', 'not_started');
    await screenshot(page, '11-upload-expired-refused');
  });

  test('when the S/4HANA host is not an S/4HANA Cloud host, then the dialog says what a host looks like and creates nothing', async ({ page }) => {
    await page.goto('/');
    await createTenant(page, 'Hosts Co');
    await page.getByRole('link', { name: 'Hosts Co' }).click();
    await addConnection(page, { name: 'Wrong host', s4Host: 'erp.example.com' });
    await expect(openDialog(page)).toContainText('is not an SAP S/4HANA Cloud host');
    await screenshot(page, '12-add-connection-bad-host');
    await fill(openDialog(page), 'S/4HANA Cloud host', 'my123456-api.s4hana.ondemand.com');
    await openDialog(page).getByRole('button', { name: 'Create', exact: true }).click();
    await expect(page.getByRole('heading', { name: /^Step 1:/ })).toBeVisible();
    await expect(page.getByText('my123456.s4hana.ondemand.com, client 100')).toBeVisible();
  });

  test('when the pasted Token Service URL does not match the host, then step 19 shows where it differs and refuses "done"', async ({ page, request }) => {
    const setup = await createConnectionViaApi(request, 'Token Co');
    await skipStepsBefore(request, setup, 19);
    await page.goto(`${setup.url}?step=19`);
    await fill(page, 'Client ID', 'TASKCENTER_USER');
    await fill(page, 'Token Service URL', 'https://my123456.s4hana.ondemand.com/sap/bc/sec/oauth2/token');
    await fill(page, 'SAML2 Audience', 'https://my123456.s4hana.ondemand.com');
    await page.getByRole('button', { name: 'Mark as done' }).click();
    const error = page.locator('[data-error-code="VALUE_MISMATCH"]');
    await expect(error).toContainText('Token Service URL differs from position 17');
    await expect(page.getByText('Does not match').first()).toBeVisible();
    await expect(page.locator('[data-step-id="19"]')).not.toHaveAttribute('data-status', 'done');
    await expect(page.getByLabel('Token Service URL', { exact: true })).toHaveValue('https://my123456.s4hana.ondemand.com/sap/bc/sec/oauth2/token');
    await screenshot(page, '13-step-19-token-url-mismatch');
  });

  test('when a second tab saves over a stale state, then it gets a conflict, keeps what was typed, and saves after a reload', async ({ page, context, request }) => {
    const setup = await createConnectionViaApi(request, 'Two Tabs Co');
    await skipStepsBefore(request, setup, 3);
    const second = await context.newPage();
    await page.goto(`${setup.url}?step=3`);
    await second.goto(`${setup.url}?step=3`);

    await fill(page, 'Communication user name', 'FIRST_TAB_USER');
    await fill(page, 'Communication user description', 'Typed in the first tab');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('[data-step-id="3"]')).toHaveAttribute('data-status', 'in_progress');

    await fill(second, 'Communication user name', 'SECOND_TAB_USER');
    await second.getByRole('button', { name: 'Save' }).click();
    const conflict = second.locator('[data-error-code="STALE_VERSION"]');
    await expect(conflict).toContainText('changed this connection');
    await expect(second.getByLabel('Communication user name', { exact: true })).toHaveValue('SECOND_TAB_USER');
    await screenshot(second, '14-stale-edit-conflict');

    await conflict.getByRole('button', { name: 'Reload' }).click();
    await expect(second.getByLabel('Communication user name', { exact: true })).toHaveValue('SECOND_TAB_USER');
    await second.getByRole('button', { name: 'Save' }).click();
    await expect(conflict).toHaveCount(0);
    await page.reload();
    await stepItem(page, 3).click();
    await expect(page.getByLabel('Communication user name', { exact: true })).toHaveValue('SECOND_TAB_USER');
    await expect(page.getByLabel('Communication user description', { exact: true })).toHaveValue('Typed in the first tab');
  });
});
