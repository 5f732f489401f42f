import type { FieldDiff } from '@tcc/shared';
import type { AutomationUnit } from '../unit.js';

const PASSWORD: FieldDiff = { field: 'Password', current: null, desired: null, secret: true };

/**
 * Steps 2–3: the communication user Task Center's destination signs in with (Token Service User). An existing user
 * is adopted only if this app put the stored password on it; otherwise its password is set — after confirmation,
 * since another integration might use it.
 */
export const communicationUserUnit: AutomationUnit = {
  id: 'communicationUser',
  system: 's4hana',
  steps: [2, 3],
  needs: {},
  gives: ['user'],
  async plan({ s4, desired, facts }) {
    const found = await s4.findCommunicationUser(desired.communicationUserName);
    const object = `communication user ${desired.communicationUserName}`;
    if (!found) return { action: 'create', object, summary: `Create ${object} with the stored password.`, diff: [] };
    facts.user = { id: found.ID, name: found.Name };
    // A locked user is no user Task Center can sign in with, whatever its password (finding 5 of "Tell the admin the truth").
    if (found.IsLocked) {
      return {
        action: 'update',
        object,
        summary: `${object} is locked in S/4HANA (after failed logons); it will be unlocked${desired.passwordSetInS4 ? '' : ' and its password set to the stored one'}.`,
        diff: [{ field: 'IsLocked', current: 'true', desired: 'false', secret: false }, ...(desired.passwordSetInS4 ? [] : [PASSWORD])],
      };
    }
    return desired.passwordSetInS4
      ? { action: 'adopt', object, summary: `${object} exists (${found.ID}) with the stored password.`, diff: [] }
      : { action: 'update', object, summary: `${object} exists (${found.ID}); its password will be set to the stored one.`, diff: [PASSWORD] };
  },
  async apply({ s4, desired, facts }, { confirmChanges }) {
    let user = await s4.findCommunicationUser(desired.communicationUserName);
    if (user?.IsLocked) {
      if (!confirmChanges) throw new Error(`The communication user ${user.Name} is locked in S/4HANA; review the plan and confirm unlocking it (or unlock it in Maintain Communication Users).`);
      await s4.unlockCommunicationUser(user).catch((error: unknown) => {
        throw new Error(`S/4HANA did not let assisted setup unlock ${user!.Name} (${error instanceof Error ? error.message : String(error)}); unlock it in Maintain Communication Users, then run again.`);
      });
      user = await s4.findCommunicationUser(desired.communicationUserName);
      if (user?.IsLocked) throw new Error(`${user.Name} is still locked in S/4HANA; unlock it in Maintain Communication Users, then run again.`);
    }
    if (user && !desired.passwordSetInS4) {
      if (!confirmChanges) throw new Error(`The communication user ${user.Name} exists with a password this app does not know; review the plan and confirm setting it.`);
      await s4.setCommunicationUserPassword(user, desired.taskCenterPassword);
    }
    user ??= await s4.createCommunicationUser({ name: desired.communicationUserName, description: desired.communicationUserDescription, password: desired.taskCenterPassword });
    facts.user = { id: user.ID, name: user.Name };
    return { stepValues: { communicationUserName: user.Name, communicationUserDescription: user.Description || desired.communicationUserDescription } };
  },
};
