import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from '../../test/support/test-database.js';
import type { Store } from '../store/types.js';
import { createBearerPrincipal } from './bearer-principal.js';

let store: Store;
let n = 0;
beforeAll(async () => {
  store = await openTestStore(fs.mkdtempSync(path.join(os.tmpdir(), 'tcc-bearer-')));
});
afterAll(() => store.close());

const ISSUER = 'https://idp.example.com/oauth/token';
const principalOf = (adminScope: string) => createBearerPrincipal({ store, adminScope, newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, clock: () => new Date() });

describe('system admin from the token scope (issue "Tell the admin the truth", finding 13)', () => {
  it('when the token carries exactly JWT_ADMIN_SCOPE, then the user is a system admin', async () => {
    expect(await principalOf('tcc!t1.Admin')({ iss: ISSUER, sub: 'ada-sub', user_name: 'ada@example.com', scope: ['openid', 'tcc!t1.Admin'] })).toMatchObject({ systemAdmin: true });
  });

  it.each([['otherapp!t9.Admin'], ['tcc!t1.Admin.x'], ['Admin'], ['xtcc!t1.Admin']])('when the token carries only %s, then it is not', async (scope) => {
    expect(await principalOf('tcc!t1.Admin')({ iss: ISSUER, sub: 'bob-sub', user_name: 'bob@example.com', scope: [scope] })).toMatchObject({ systemAdmin: false });
  });

  it('when JWT_ADMIN_SCOPE is a bare name, then another application\u2019s scope with that suffix does not make an admin', async () => {
    expect(await principalOf('Admin')({ iss: ISSUER, sub: 'eve-sub', user_name: 'eve@example.com', scope: 'openid otherapp!t9.Admin' })).toMatchObject({ systemAdmin: false });
  });
});
