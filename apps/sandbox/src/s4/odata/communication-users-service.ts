import type { SandboxContext } from '../../context.js';
import type { CommunicationUser } from '../../state.js';
import { UNCERTAIN } from '../../uncertain.js';
import { createCommunicationUser, updateCommunicationUser } from '../communication-model.js';
import { emptySet, toEntity, type PropertyDef, type ServiceDef } from './model.js';

export const COMMUNICATION_USERS_BASE_PATH = '/sap/opu/odata4/sap/aps_com_cu_a4c_odata/srvd_a2x/sap/aps_com_cu_a4c_odata/0001';

/**
 * CommunicationUsersType, key ID (NOTES.md 2.2). Property names from NOTES.md 2.3; Edm types and MaxLength are INFERRED.
 * Password is write-only: it is declared (the [3rd] tools POST it) but always read back as ''.
 */
const USER_PROPERTIES: PropertyDef[] = [
  { name: 'ID', type: 'Edm.String', maxLength: 12, computed: true },
  { name: 'Name', type: 'Edm.String', maxLength: 40 },
  { name: 'Type', type: 'Edm.String' },
  { name: 'Description', type: 'Edm.String', maxLength: 80 },
  { name: 'Password', type: 'Edm.String' },
  { name: 'PasswordStatus', type: 'Edm.String', computed: true },
  { name: 'IsLocked', type: 'Edm.Boolean' },
  { name: 'LockStatus', type: 'Edm.String', computed: true },
  { name: 'ChangedAt', type: 'Edm.DateTimeOffset', computed: true },
  { name: 'ChangedBy', type: 'Edm.String', computed: true },
];

/** Certificates of a communication user (X.509 logon): listed by the service (sap-apis.md D), not simulated; properties INFERRED. */
const CERTIFICATE_PROPERTIES: PropertyDef[] = [
  { name: 'UUID', type: 'Edm.Guid', computed: true },
  { name: 'CommunicationUserID', type: 'Edm.String', maxLength: 12 },
  { name: 'Subject', type: 'Edm.String' },
  { name: 'Issuer', type: 'Edm.String' },
  { name: 'CertificateBase64', type: 'Edm.String' },
];

function toUserEntity(user: CommunicationUser) {
  return toEntity(user, USER_PROPERTIES, {
    Password: '',
    LockStatus: user.IsLocked ? UNCERTAIN.communicationUserLockStatus.locked : UNCERTAIN.communicationUserLockStatus.unlocked,
    PasswordStatus: user.Password ? UNCERTAIN.communicationUserPasswordStatus.set : UNCERTAIN.communicationUserPasswordStatus.none,
  });
}

export function communicationUsersService(ctx: SandboxContext): ServiceDef {
  const s4 = () => ctx.state.s4;
  return {
    name: 'aps_com_cu_a4c_odata',
    basePath: COMMUNICATION_USERS_BASE_PATH,
    sets: [
      {
        name: 'CommunicationUsers',
        typeName: 'CommunicationUsersType',
        key: 'ID',
        properties: USER_PROPERTIES,
        all: () => [...s4().communicationUsers.values()].map(toUserEntity),
        create: (body) => toUserEntity(createCommunicationUser(s4(), body as Parameters<typeof createCommunicationUser>[1], ctx.now())),
        update: (id, body) => toUserEntity(updateCommunicationUser(s4(), id, body, ctx.now())),
      },
      emptySet('Certificates', 'CertificatesType', 'UUID', CERTIFICATE_PROPERTIES),
    ],
  };
}
