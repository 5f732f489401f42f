import type { SandboxContext } from '../../context.js';
import type { CommunicationArrangement } from '../../state.js';
import { UNCERTAIN } from '../../uncertain.js';
import { createArrangement, deleteArrangement, S4RuleError, updateArrangementInboundUser } from '../communication-model.js';
import { emptySet, toEntity, type Entity, type PropertyDef, type ServiceDef } from './model.js';
import { badPayload } from './odata-errors.js';

export const COMMUNICATION_ARRANGEMENTS_BASE_PATH = '/sap/opu/odata4/sap/aps_com_ca_a4c_odata/srvd_a2x/sap/aps_com_ca_a4c_odata/0001';

/** CommunicationArrangementsType, key UUID (NOTES.md 2.2); fields from sap-apis.md D; Edm types INFERRED. */
const ARRANGEMENT_PROPERTIES: PropertyDef[] = [
  { name: 'UUID', type: 'Edm.Guid', computed: true },
  { name: 'CommunicationScenarioID', type: 'Edm.String' },
  { name: 'CommunicationSystemID', type: 'Edm.String' },
  { name: 'Name', type: 'Edm.String' },
  { name: 'Description', type: 'Edm.String' },
];

/**
 * The arrangement's inbound-user binding. Only CommunicationSystemInboundUserUUID is sourced (the deep-insert body, NOTES.md 2.2);
 * the key CommunicationArrangementUUID (as in the read API's CommArrangementsInboundUsers, sap-apis.md D) and the read-only
 * copies of the system's inbound user are INFERRED.
 */
const INBOUND_USER_PROPERTIES: PropertyDef[] = [
  { name: 'CommunicationArrangementUUID', type: 'Edm.Guid', computed: true },
  { name: 'CommunicationSystemInboundUserUUID', type: 'Edm.Guid' },
  { name: 'CommunicationUserID', type: 'Edm.String', computed: true },
  { name: 'AuthenticationMethod', type: 'Edm.String', computed: true },
  { name: 'OAuth2ClientID', type: 'Edm.String', computed: true },
];

/** The other sets the service lists (sap-apis.md D), not simulated; their properties are INFERRED. */
const PART_PROPERTIES: PropertyDef[] = [
  { name: 'UUID', type: 'Edm.Guid', computed: true },
  { name: 'CommunicationArrangementUUID', type: 'Edm.Guid' },
];
const EMPTY_SETS = ['Properties', 'PropertyValues', 'InboundServices', 'InboundServiceProperties', 'InboundServicePropertyValues', 'OutboundUsers',
  'OutboundUserAuthScopes', 'OutboundServices', 'OutboundServiceProperties', 'OutboundServicePropertyValues'];
const NOT_SIMULATED_PARTS = ['OutboundUser', 'InboundServices', 'OutboundServices', 'Properties'];

/** `InboundUser: { CommunicationSystemInboundUserUUID }` as in SAP's deep insert and PATCH …/InboundUser (sap-apis.md D). */
function inboundUserUuidOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  const uuid = (value as Entity).CommunicationSystemInboundUserUUID;
  if (typeof value !== 'object' || typeof uuid !== 'string') throw badPayload('InboundUser needs CommunicationSystemInboundUserUUID', 'InboundUser/CommunicationSystemInboundUserUUID');
  return uuid;
}

export function communicationArrangementsService(ctx: SandboxContext): ServiceDef {
  const s4 = () => ctx.state.s4;
  const toArrangement = (a: CommunicationArrangement) => toEntity(a, ARRANGEMENT_PROPERTIES);
  const toInboundUser = (a: CommunicationArrangement): Entity | null => {
    const inbound = s4().inboundUsers.get(a.InboundUserUUID);
    if (!inbound) return null;
    return toEntity(inbound, INBOUND_USER_PROPERTIES, { CommunicationArrangementUUID: a.UUID, CommunicationSystemInboundUserUUID: inbound.UUID });
  };
  const stateOf = (entity: Entity) => s4().arrangements.get(String(entity.UUID))!;
  const withInboundUser = (arrangements: () => CommunicationArrangement[]) => () =>
    arrangements()
      .map(toInboundUser)
      .filter((e): e is Entity => e !== null);

  return {
    name: 'aps_com_ca_a4c_odata',
    basePath: COMMUNICATION_ARRANGEMENTS_BASE_PATH,
    sets: [
      {
        name: 'CommunicationArrangements',
        typeName: 'CommunicationArrangementsType',
        key: 'UUID',
        properties: ARRANGEMENT_PROPERTIES,
        navigation: [
          {
            name: 'InboundUser',
            target: 'InboundUsers',
            many: false,
            read: (entity) => toInboundUser(stateOf(entity)),
            write: (entity, body) => toInboundUser(updateArrangementInboundUser(s4(), String(entity.UUID), inboundUserUuidOf(body))) ?? {},
          },
          { name: 'OutboundUser', target: 'OutboundUsers', many: false, read: () => null },
          ...['InboundServices', 'OutboundServices', 'Properties'].map((name) => ({ name, target: name, many: true, read: () => [] })),
        ],
        all: () => [...s4().arrangements.values()].map(toArrangement),
        create: (body, navigation) => {
          const part = NOT_SIMULATED_PARTS.find((name) => Array.isArray(navigation[name]) ? (navigation[name] as unknown[]).length > 0 : navigation[name] != null);
          if (part) throw new S4RuleError(400, UNCERTAIN.communicationManagementErrors.arrangementPartNotSimulated, `${part} of an arrangement is not simulated by the sandbox`, part);
          const input = { ...(body as { CommunicationScenarioID: string; CommunicationSystemID: string; Name: string; Description?: string }) };
          return toArrangement(createArrangement(s4(), { ...input, InboundUserUUID: inboundUserUuidOf(navigation.InboundUser) }, ctx.profile));
        },
        remove: (uuid) => deleteArrangement(s4(), uuid),
      },
      {
        name: 'InboundUsers',
        typeName: 'InboundUsersType',
        key: 'CommunicationArrangementUUID',
        properties: INBOUND_USER_PROPERTIES,
        all: withInboundUser(() => [...s4().arrangements.values()]),
      },
      ...EMPTY_SETS.map((name) => emptySet(name, `${name}Type`, 'UUID', PART_PROPERTIES)),
    ],
  };
}
