import type { CommunicationUser, S4State } from '../../state.js';
import { UNCERTAIN } from '../../uncertain.js';
import { duplicate, E, invalid, notFound, oneOf } from './rule-error.js';

/** Communication users (sap-apis.md D, NOTES.md 2.3): auto ID CC…, required description, unique name, SAP's password rule. */

/** "at least 20 characters … at least one special character" (SAP-docs how-to-create-communication-users-0377ade.md). */
function checkPassword(password: string): void {
  if (password.length < 20 || !/[^A-Za-z0-9]/.test(password)) {
    throw invalid(E.userPasswordRule, 'The password must have at least 20 characters and at least one special character', 'Password');
  }
}

export function createCommunicationUser(s4: S4State, input: { Name: string; Description?: string; Password?: string; Type?: string }, at: Date): CommunicationUser {
  const name = input.Name?.trim() ?? '';
  if (!name) throw invalid(E.userNameRequired, 'Enter a user name', 'Name');
  const id = `CC${String(s4.nextUserNumber).padStart(10, '0')}`;
  // The [3rd] reference quotes this text with the would-be ID, so S/4 checks after numbering.
  if (!input.Description?.trim()) throw invalid(E.userDescriptionRequired, `User ${id} must have a description`, 'Description');
  const type = input.Type ?? 'customer_communication';
  oneOf(type, UNCERTAIN.communicationUserTypes, 'Type', E.userTypeInvalid);
  if ([...s4.communicationUsers.values()].some((u) => u.Name.toUpperCase() === name.toUpperCase())) {
    throw duplicate(E.userNameTaken, `User name ${name} is already used`, 'Name');
  }
  if (input.Password !== undefined && input.Password !== '') checkPassword(input.Password);
  s4.nextUserNumber += 1;
  const user: CommunicationUser = {
    ID: id,
    Name: name,
    Type: type,
    Description: input.Description.trim(),
    Password: input.Password ?? '',
    IsLocked: false,
    failedLogons: 0,
    ChangedAt: at.toISOString(),
    ChangedBy: s4.managementUser.name,
  };
  s4.communicationUsers.set(id, user);
  return user;
}

export function updateCommunicationUser(
  s4: S4State,
  id: string,
  patch: { Name?: string; Description?: string; Password?: string; IsLocked?: boolean },
  at: Date,
): CommunicationUser {
  const user = s4.communicationUsers.get(id);
  if (!user) throw notFound(E.userNotFound, `Communication user ${id} does not exist`);
  // The Fiori app offers no rename; the user name is what Basic logons and destinations refer to.
  if (patch.Name !== undefined && patch.Name !== user.Name) throw invalid(E.userNameImmutable, 'The user name cannot be changed', 'Name');
  if (patch.Description !== undefined && !patch.Description.trim()) throw invalid(E.userDescriptionRequired, `User ${id} must have a description`, 'Description');
  if (patch.Password !== undefined) checkPassword(patch.Password);
  if (patch.Description !== undefined) user.Description = patch.Description.trim();
  if (patch.Password !== undefined) user.Password = patch.Password;
  if (patch.IsLocked !== undefined) {
    user.IsLocked = patch.IsLocked;
    if (!patch.IsLocked) user.failedLogons = 0; // unlocking gives the user three new attempts (0377ade)
  }
  user.ChangedAt = at.toISOString();
  user.ChangedBy = s4.managementUser.name;
  return user;
}
