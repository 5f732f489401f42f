import type { AutomationUnit } from '../unit.js';

/** Steps 2–3: the communication user Task Center's destination signs in with (Token Service User). */
export const communicationUserUnit: AutomationUnit = {
  id: 'communicationUser',
  system: 's4hana',
  steps: [2, 3],
  dependsOn: [],
  async plan({ s4, desired, facts }) {
    const found = await s4.findCommunicationUser(desired.communicationUserName);
    if (found) facts.user = { id: found.ID, name: found.Name };
    const object = `communication user ${desired.communicationUserName}`;
    return found
      ? { action: 'adopt', object, summary: `${object} exists (${found.ID}); it is used as it is. Its password must be the one stored here.`, diff: [] }
      : { action: 'create', object, summary: `Create ${object} with the stored password.`, diff: [] };
  },
  async apply({ s4, desired, facts }) {
    const user =
      (await s4.findCommunicationUser(desired.communicationUserName)) ??
      (await s4.createCommunicationUser({ name: desired.communicationUserName, description: desired.communicationUserDescription, password: desired.taskCenterPassword }));
    facts.user = { id: user.ID, name: user.Name };
    return { stepValues: { communicationUserName: user.Name, communicationUserDescription: user.Description || desired.communicationUserDescription } };
  },
};
