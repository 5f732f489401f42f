import type { Destination } from '../../state.js';

/**
 * The subset of OData `$filter` the Destination service list and bulk delete need (sap-apis.md A.2, NOTES.md §1):
 * `Prop eq 'value'`, `Prop in ('a','b')`, combined with `and` / `or` and parentheses. Properties compare as strings
 * (every destination property is a string). Anything else is a syntax error, answered 400 by the router.
 */
export type DestinationPredicate = (destination: Destination) => boolean;

export interface ParsedFilter {
  matches: DestinationPredicate;
  /** Names the filter asks for by `Name eq` / `Name in`: bulk delete reports those it did not find as NOT_FOUND. */
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

/** Parses a `$filter`; throws on anything outside the supported subset. */
export function parseDestinationFilter(input: string): ParsedFilter {
  const tokens = tokenize(input);
  const names: string[] = [];
  let pos = 0;
  const peekWord = (word: string) => tokens[pos]?.kind === 'word' && tokens[pos]!.text.toLowerCase() === word;
  const expect = (kind: Token['kind']): Token => {
    const token = tokens[pos];
    if (!token || token.kind !== kind) throw new Error(`expected ${kind}`);
    pos += 1;
    return token;
  };

  const primary = (): DestinationPredicate => {
    if (tokens[pos]?.kind === '(') {
      pos += 1;
      const inner = or();
      expect(')');
      return inner;
    }
    const property = expect('word').text;
    if (peekWord('eq')) {
      pos += 1;
      const value = expect('string').text;
      if (property === 'Name') names.push(value);
      return (d) => d[property] === value;
    }
    if (peekWord('in')) {
      pos += 1;
      expect('(');
      const values = [expect('string').text];
      while (tokens[pos]?.kind === ',') {
        pos += 1;
        values.push(expect('string').text);
      }
      expect(')');
      if (property === 'Name') names.push(...values);
      return (d) => d[property] !== undefined && values.includes(d[property]!);
    }
    throw new Error('expected eq or in');
  };
  const and = (): DestinationPredicate => {
    let left = primary();
    while (peekWord('and')) {
      pos += 1;
      const l = left;
      const r = primary();
      left = (d) => l(d) && r(d);
    }
    return left;
  };
  const or = (): DestinationPredicate => {
    let left = and();
    while (peekWord('or')) {
      pos += 1;
      const l = left;
      const r = and();
      left = (d) => l(d) || r(d);
    }
    return left;
  };

  const matches = or();
  if (pos !== tokens.length) throw new Error('unexpected input after expression');
  return { matches, names: [...new Set(names)] };
}
