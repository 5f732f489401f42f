import type { Destination } from '../../state.js';
import { UNCERTAIN } from '../../uncertain.js';

/**
 * The `$filter` of the Destination service list and bulk delete. [SPEC] via sap-field-facts.md ("Wrong but harmless",
 * A.11): only `Name in ('a','b')`, `startswith(Name,'…')`, `endswith(Name,'…')` and `modifiedwithin(…)` are supported.
 * Anything else — `Name eq 'x'`, another property, `and`/`or` — is a syntax error, answered 400 by the router.
 * The argument syntax of modifiedwithin and whether expressions combine are not published: UNCERTAIN.destinationFilter.
 */
export interface FilterSubject {
  destination: Destination;
  /** When the destination was last created or overwritten (epoch ms); not a destination property. */
  modifiedAt: number;
  /** The service's clock (epoch ms). */
  now: number;
}

export type DestinationPredicate = (subject: FilterSubject) => boolean;

export interface ParsedFilter {
  matches: DestinationPredicate;
  /** Names the filter asks for by `Name in (…)`: bulk delete reports those it did not find as NOT_FOUND. */
  names: string[];
}

type Token = { kind: 'word' | 'string' | '(' | ')' | ','; text: string };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c, text: c });
      i += 1;
    } else if (c === "'") {
      // OData escapes a quote inside a string literal by doubling it.
      let text = '';
      i += 1;
      for (;;) {
        if (i >= input.length) throw new Error('unterminated string');
        if (input[i] === "'" && input[i + 1] === "'") {
          text += "'";
          i += 2;
        } else if (input[i] === "'") {
          i += 1;
          break;
        } else {
          text += input[i];
          i += 1;
        }
      }
      tokens.push({ kind: 'string', text });
    } else {
      const word = /^[^\s(),']+/.exec(input.slice(i))![0];
      tokens.push({ kind: 'word', text: word });
      i += word.length;
    }
  }
  return tokens;
}

/** An ISO 8601 duration of days, hours, minutes and seconds (`P7D`, `PT1H`, `P1DT12H30M`) in milliseconds, or null. */
export function parseIsoDuration(text: string): number | null {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return null;
  const [, d = '0', h = '0', m = '0', s = '0'] = match;
  return ((Number(d) * 24 + Number(h)) * 60 + Number(m)) * 60_000 + Number(s) * 1000;
}

/** Parses a `$filter`; throws on anything outside the four documented forms. */
export function parseDestinationFilter(input: string): ParsedFilter {
  const tokens = tokenize(input);
  let pos = 0;
  const take = (kind: Token['kind'], text?: string): Token => {
    const token = tokens[pos];
    if (!token || token.kind !== kind || (text !== undefined && token.text !== text)) throw new Error(`expected ${text ?? kind}`);
    pos += 1;
    return token;
  };
  const done = (parsed: ParsedFilter): ParsedFilter => {
    if (pos !== tokens.length) throw new Error('unexpected input after expression');
    return parsed;
  };

  const first = take('word').text;
  if (first === 'Name') {
    // Name in ('a', 'b', …)
    take('word', 'in');
    take('(');
    const values = [take('string').text];
    while (tokens[pos]?.kind === ',') {
      pos += 1;
      values.push(take('string').text);
    }
    take(')');
    return done({ matches: ({ destination }) => values.includes(destination.Name), names: [...new Set(values)] });
  }
  if (first === 'startswith' || first === 'endswith') {
    // startswith(Name,'…') / endswith(Name,'…'): case-sensitive, as OData's string functions are.
    take('(');
    take('word', 'Name');
    take(',');
    const value = take('string').text;
    take(')');
    const test = first === 'startswith' ? (name: string) => name.startsWith(value) : (name: string) => name.endsWith(value);
    return done({ matches: ({ destination }) => test(destination.Name), names: [] });
  }
  if (first === 'modifiedwithin') {
    take('(');
    const argument = tokens[pos]?.kind === 'string' ? take('string').text : take('word').text;
    take(')');
    // The argument's syntax is not published: an ISO 8601 duration, bare or quoted (UNCERTAIN.destinationFilter).
    const window = UNCERTAIN.destinationFilter.modifiedWithinArgument === 'iso8601-duration' ? parseIsoDuration(argument) : null;
    if (window === null) throw new Error(`not a duration: ${argument}`);
    return done({ matches: ({ modifiedAt, now }) => modifiedAt >= now - window, names: [] });
  }
  throw new Error(`unsupported filter expression: ${first}`);
}
