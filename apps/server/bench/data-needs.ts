/**
 * The shortest time a setup could take, from what each SAP call needs to be sent: the data it sends or decides by
 * (an ID another call returned, the answer "it does not exist yet") and the rules the product must keep. Not the units'
 * declared order: a call waits only for the calls that give what it needs, so the chain is the fewest round trips any
 * engine could make. Each call kind is listed once below; a call the table does not know stops the bench, so a new
 * call cannot slip past the figure.
 */

/** A SAP call as the bench saw it, in the order the calls were answered (a call is answered after what it needs). */
export interface ObservedCall {
  /** The preflight (before the run starts; nothing is changed before it found no problem) or a unit of the run. */
  phase: 'preflight' | 'run';
  unit: string | null;
  method: string;
  path: string;
}

type Key = string;
interface Kind {
  /** Matches the call: its phase/unit, method and the path's last part. */
  when: (call: ObservedCall, resource: string) => boolean;
  needs: Key[];
  gives: Key[];
}

/** The path below the service: `CommunicationUsers`, `InboundUsers(…)`, `$metadata`, `` (the root), `saml2Metadata/certificate`, `token`… */
const resourceOf = (path: string) => path.replace(/\/+$/, '').split(/\/0001\/?|\/v1\//)[1] ?? path.split('/').pop()!;
const s4 = (path: string) => path.startsWith('/sap/opu/odata4/');
const on = (unit: string, method: string, resource: RegExp) => (call: ObservedCall, r: string) => call.unit === unit && call.method === method && resource.test(r);
const inPreflight = (method: string, resource: RegExp) => (call: ObservedCall, r: string) => call.phase === 'preflight' && call.method === method && resource.test(r);

// An object's "read" (it exists, with its UUID, or it does not) and its "made" (created or changed) are both what a
// later call may need: a call takes whichever this run produced, the later one counting.
const SYSTEM = ['systemRead', 'system'];
const USER = ['userRead', 'user'];
const INBOUND = ['inboundRead', 'inbound'];

const KINDS: Kind[] = [
  // Preflight: the BTP token first, then the reads with it; the S/4 reads need nothing from one another.
  { when: inPreflight('POST', /^token$/), needs: [], gives: ['token'] },
  { when: inPreflight('GET', /^saml2Metadata\/certificate$/), needs: ['token'], gives: ['trust'] },
  { when: inPreflight('GET', /^subaccountDestinations$/), needs: ['token'], gives: ['destinations'] },
  { when: inPreflight('GET', /^\$metadata$/), needs: [], gives: ['metadata'] },
  { when: inPreflight('GET', /^InboundUsers$/), needs: [], gives: ['clientIdFacts'] },
  // Any unit's CSRF token fetch (a write's first call per session) needs nothing.
  { when: (c, r) => c.phase === 'run' && c.method === 'GET' && r === '', needs: [], gives: ['csrf'] },
  // The communication user: read by name, then created (or its password set) with a CSRF token.
  { when: on('communicationUser', 'GET', /^CommunicationUsers$/), needs: [], gives: ['userRead'] },
  { when: on('communicationUser', 'POST', /^CommunicationUsers$/), needs: ['userRead', 'csrf'], gives: ['user'] },
  { when: on('communicationUser', 'PATCH', /^CommunicationUsers\(/), needs: ['userRead', 'csrf'], gives: ['user'] },
  // The communication system: read by ID; created with the trust's CN; the certificate written to its UUID, read back.
  { when: on('communicationSystem', 'POST', /^CommunicationSystems$/), needs: ['systemRead', 'csrf', 'trust'], gives: ['system'] },
  { when: on('communicationSystem', 'PATCH', /^CommunicationSystems\(/), needs: [...SYSTEM, 'csrf', 'trust'], gives: ['systemWritten'] },
  // The inbound user: read and added with the system's UUID and the user's ID; renamed by its own UUID, after the
  // destination told whether it already carries the held ID.
  { when: on('inboundUser', 'GET', /^InboundUsers$/), needs: [...SYSTEM, ...USER], gives: ['inboundRead', 'clientId'] },
  { when: on('inboundUser', 'POST', /^InboundUsers$/), needs: ['inboundRead', 'csrf', ...SYSTEM, ...USER], gives: ['inbound', 'clientId'] },
  { when: on('inboundUser', 'GET', /^subaccountDestinations\//), needs: [], gives: ['destinations'] },
  { when: on('inboundUser', 'PATCH', /^InboundUsers\(/), needs: [...INBOUND, 'destinations', 'csrf'], gives: ['clientId'] },
  // The arrangement: read by the entered system ID; created (or repointed) with the inbound user's UUID, for a system
  // that exists.
  { when: on('arrangement', 'GET', /^CommunicationArrangements$/), needs: [], gives: ['arrangementRead'] },
  { when: on('arrangement', 'POST', /^CommunicationArrangements$/), needs: ['arrangementRead', 'csrf', ...INBOUND, ...SYSTEM], gives: [] },
  { when: on('arrangement', 'PATCH', /^CommunicationArrangements\(/), needs: ['arrangementRead', 'csrf', ...INBOUND], gives: [] },
  // The destination: read by name; written with the client ID S/4 holds and the user's name.
  { when: on('destination', 'GET', /^subaccountDestinations\//), needs: [], gives: ['destinationRead'] },
  { when: on('destination', 'POST', /^subaccountDestinations$/), needs: ['destinationRead', 'clientId', ...USER], gives: [] },
  { when: on('destination', 'PUT', /^subaccountDestinations$/), needs: ['destinationRead', 'clientId', ...USER], gives: [] },
];

/** The communication system's GET depends on where it stands: the first reads by ID, the one after the write reads back. */
function systemRead(given: Map<Key, unknown>): Pick<Kind, 'needs' | 'gives'> {
  return given.has('systemWritten') ? { needs: ['systemWritten'], gives: ['systemReadBack'] } : { needs: [], gives: ['systemRead'] };
}

export interface Level {
  call: ObservedCall;
  level: number;
  /** The call this one waited for longest (its predecessor on the longest chain), or null. */
  after: number | null;
}

/**
 * Each call's level: one more than the highest level among the calls that gave what it needs. Two rules come on top of
 * the data: every S/4 call after the first needs an accepted SAP_COM_0A48 logon (a wrong password fails one logon only,
 * communication-api.ts), every BTP call but the token request needs the token, and every run call needs the
 * preflight's answer (the run changes nothing before it).
 */
export function levelsOf(calls: ObservedCall[]): Level[] {
  const given = new Map<Key, { level: number; by: number }>();
  const levels: Level[] = [];
  const give = (key: Key, level: number, by: number) => {
    if ((given.get(key)?.level ?? -1) < level) given.set(key, { level, by });
  };
  let verdictGiven = false;
  calls.forEach((call, index) => {
    if (call.phase === 'run' && !verdictGiven) {
      verdictGiven = true;
      const last = levels.reduce<Level | null>((top, l) => (top && top.level >= l.level ? top : l), null);
      if (last) give('verdict', last.level, levels.indexOf(last));
    }
    const resource = resourceOf(call.path);
    const kind =
      call.unit === 'communicationSystem' && call.method === 'GET' && resource === 'CommunicationSystems'
        ? systemRead(given)
        : KINDS.find((k) => k.when(call, resource));
    if (!kind) throw new Error(`data-needs.ts does not know ${call.phase} ${call.unit ?? ''} ${call.method} ${call.path}: add what it needs`);
    const rules = [...(s4(call.path) ? ['logon'] : []), ...(!s4(call.path) && !/oauth\/token$/.test(call.path) ? ['token'] : []), ...(call.phase === 'run' ? ['verdict'] : [])];
    let top: { level: number; by: number } | null = null;
    for (const key of [...kind.needs, ...rules]) {
      const from = given.get(key);
      if (from && (!top || from.level > top.level)) top = from;
    }
    const level = (top?.level ?? 0) + 1;
    levels.push({ call, level, after: top?.by ?? null });
    for (const key of kind.gives) give(key, level, index);
    if (s4(call.path) && !given.has('logon')) give('logon', level, index);
  });
  return levels;
}

/** The longest chain, first call first. */
export function longestChain(levels: Level[]): Level[] {
  let at: Level | undefined = levels.reduce<Level | undefined>((top, l) => (top && top.level >= l.level ? top : l), undefined);
  const chain: Level[] = [];
  while (at) {
    chain.unshift(at);
    at = at.after === null ? undefined : levels[at.after];
  }
  return chain;
}
