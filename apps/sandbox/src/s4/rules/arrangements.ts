import { randomUUID } from 'node:crypto';
import type { SandboxProfile } from '../../profile.js';
import type { CommunicationArrangement, S4State } from '../../state.js';
import { isSamlBearerClient } from './inbound-users.js';
import { duplicate, E, invalid, notFound } from './rule-error.js';

/** Communication arrangements (sap-apis.md C/D): a known scenario, an existing system, and for SAP_COM_0501 an inbound user of that system. */

/** Scenarios the sandbox knows; any other ID is refused like a scenario that is not in the tenant's catalogue. */
const KNOWN_SCENARIOS = ['SAP_COM_0501', 'SAP_COM_0A48'];

export function createArrangement(
  s4: S4State,
  input: { CommunicationScenarioID: string; CommunicationSystemID: string; Name: string; Description?: string; InboundUserUUID?: string },
  profile: SandboxProfile,
): CommunicationArrangement {
  const scenario = input.CommunicationScenarioID ?? '';
  if (!KNOWN_SCENARIOS.includes(scenario)) throw invalid(E.scenarioUnknown, `Communication scenario ${scenario} does not exist`, 'CommunicationScenarioID');
  const name = input.Name?.trim() ?? '';
  if (!name) throw invalid(E.arrangementNameRequired, 'Enter an arrangement name', 'Name');
  const system = [...s4.communicationSystems.values()].find((s) => s.ID === input.CommunicationSystemID);
  if (!system) throw invalid(E.arrangementSystemNotFound, `Communication system ${input.CommunicationSystemID ?? ''} does not exist`, 'CommunicationSystemID');
  const arrangements = [...s4.arrangements.values()];
  if (arrangements.some((a) => a.Name.toUpperCase() === name.toUpperCase())) throw duplicate(E.arrangementNameTaken, `Communication arrangement ${name} already exists`, 'Name');
  // [3rd] row 6: SAP_COM_0501 also has an outbound part (push of task updates); on a system that is not inbound-only it wants an outbound user.
  if (scenario === 'SAP_COM_0501' && profile.arrangementOutboundNeedsInboundOnlySystem && !system.IsInboundOnly) {
    // "no suitable outbound user" ([3rd-verified] error table, CM_APS_CA/010 and /027); IsInboundOnly avoids it for purely inbound scenarios.
    throw invalid(E.arrangementOutboundUserMissing, `No suitable outbound user: communication system ${system.ID} has none and is not inbound only`, 'OutboundUser');
  }
  // The Fiori app allows one arrangement per scenario and system; the brief pins it for SAP_COM_0501.
  if (scenario === 'SAP_COM_0501' && arrangements.some((a) => a.CommunicationScenarioID === scenario && a.CommunicationSystemID === system.ID)) {
    throw invalid(E.scenarioAlreadyArrangedForSystem, `Communication system ${system.ID} already has an arrangement for scenario ${scenario}`, 'CommunicationSystemID');
  }
  const arrangement: CommunicationArrangement = {
    UUID: randomUUID(),
    CommunicationScenarioID: scenario,
    CommunicationSystemID: system.ID,
    Name: name,
    Description: input.Description ?? '',
    InboundUserUUID: '',
  };
  arrangement.InboundUserUUID = checkInboundUser(s4, arrangement, input.InboundUserUUID ?? '');
  s4.arrangements.set(arrangement.UUID, arrangement);
  return arrangement;
}

/** SAP_COM_0501 is an inbound scenario (sap-apis.md C): it cannot work without an inbound user of the arrangement's system. */
function checkInboundUser(s4: S4State, arrangement: CommunicationArrangement, inboundUserUuid: string): string {
  if (!inboundUserUuid) {
    if (arrangement.CommunicationScenarioID === 'SAP_COM_0501') throw invalid(E.arrangementInboundUserRequired, 'Scenario SAP_COM_0501 needs an inbound user', 'InboundUser');
    return '';
  }
  const inbound = s4.inboundUsers.get(inboundUserUuid.toLowerCase());
  const system = [...s4.communicationSystems.values()].find((s) => s.ID === arrangement.CommunicationSystemID);
  if (!inbound) throw invalid(E.inboundUserNotFound, `Inbound user ${inboundUserUuid} does not exist`, 'InboundUser/CommunicationSystemInboundUserUUID');
  if (inbound.CommunicationSystemUUID !== system?.UUID) {
    throw invalid(E.arrangementInboundUserWrongSystem, `Inbound user ${inboundUserUuid} does not belong to communication system ${arrangement.CommunicationSystemID}`, 'InboundUser/CommunicationSystemInboundUserUUID');
  }
  // Seed step 18 / 6e5e004: the scenario's inbound user authenticates with OAuth 2.0, grant SAML 2.0 bearer assertion.
  if (arrangement.CommunicationScenarioID === 'SAP_COM_0501' && !isSamlBearerClient(inbound)) {
    throw invalid(E.arrangementInboundUserNotOAuth, `Scenario SAP_COM_0501 needs an inbound user with authentication method OAuth 2.0 (SAML 2.0 bearer assertion), not ${inbound.AuthenticationMethod}`, 'InboundUser/CommunicationSystemInboundUserUUID');
  }
  return inbound.UUID;
}

export function updateArrangementInboundUser(s4: S4State, uuid: string, inboundUserUUID: string): CommunicationArrangement {
  const arrangement = findArrangement(s4, uuid);
  arrangement.InboundUserUUID = checkInboundUser(s4, arrangement, inboundUserUUID);
  return arrangement;
}

export function deleteArrangement(s4: S4State, uuid: string): void {
  s4.arrangements.delete(findArrangement(s4, uuid).UUID);
}

function findArrangement(s4: S4State, uuid: string): CommunicationArrangement {
  const arrangement = s4.arrangements.get(uuid.toLowerCase());
  if (!arrangement) throw notFound(E.arrangementNotFound, `Communication arrangement ${uuid} does not exist`);
  return arrangement;
}
