import { badQuery } from './odata-errors.js';
import type { Entity, PropertyDef } from './model.js';

/**
 * The $filter subset the product needs (sap-apis.md D lookups: `Name eq '…'`, `ID eq '…'`, `A eq 'x' and B eq 'y'`):
 *   expr    := and ('or' and)*
 *   and     := unary ('and' unary)*
 *   unary   := 'not' unary | '(' expr ')' | compare
 *   compare := Property ('eq' | 'ne') literal
 *   literal := 'string' ('' escapes a quote) | true | false | null | integer | guid
 * Anything else is a 400, as Gateway refuses what it cannot parse rather than ignoring it.
 */
export type Predicate = (entity: Entity) => boolean;

type Token = { kind: 'string' | 'word' | 'open' | 'close'; text: string };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (c === ' ' || c === '\t') i += 1;
    else if (c === '(' || c === ')') tokens.push({ kind: c === '(' ? 'open' : 'close', text: c }), (i += 1);
    else if (c === "'") {
      let text = '';
      for (i += 1; ; i += 1) {
        if (i >= input.length) throw badQuery('Unterminated string literal in $filter', '$filter');
        if (input[i] === "'" && input[i + 1] === "'") text += "'", (i += 1);
        else if (input[i] === "'") break;
        else text += input[i];
      }
      tokens.push({ kind: 'string', text }), (i += 1);
    } else {
      const word = /^[A-Za-z0-9_.\-/]+/.exec(input.slice(i))?.[0];
      if (!word) throw badQuery(`Unexpected character '${c}' in $filter`, '$filter');
      tokens.push({ kind: 'word', text: word }), (i += word.length);
    }
  }
  return tokens;
}

export function parseFilter(input: string, properties: PropertyDef[]): Predicate {
  const tokens = tokenize(input);
  let pos = 0;
  const peekWord = (word: string) => tokens[pos]?.kind === 'word' && tokens[pos]!.text === word;

  const expr = (): Predicate => {
    let left = and();
    while (peekWord('or')) (pos += 1), (left = ((l, r) => (e: Entity) => l(e) || r(e))(left, and()));
    return left;
  };
  const and = (): Predicate => {
    let left = unary();
    while (peekWord('and')) (pos += 1), (left = ((l, r) => (e: Entity) => l(e) && r(e))(left, unary()));
    return left;
  };
  const unary = (): Predicate => {
    if (peekWord('not')) return (pos += 1), ((p) => (e: Entity) => !p(e))(unary());
    if (tokens[pos]?.kind === 'open') {
      pos += 1;
      const inner = expr();
      if (tokens[pos]?.kind !== 'close') throw badQuery("Missing ')' in $filter", '$filter');
      pos += 1;
      return inner;
    }
    return compare();
  };
  const compare = (): Predicate => {
    const [name, op, value] = [tokens[pos], tokens[pos + 1], tokens[pos + 2]];
    const property = properties.find((p) => name?.kind === 'word' && p.name === name.text);
    if (!property) throw badQuery(`Property '${name?.text ?? ''}' is not known in $filter`, '$filter');
    if (op?.kind !== 'word' || (op.text !== 'eq' && op.text !== 'ne')) throw badQuery(`Only 'eq' and 'ne' are supported in $filter, not '${op?.text ?? ''}'`, '$filter');
    if (!value || (value.kind !== 'string' && value.kind !== 'word')) throw badQuery('A literal is missing in $filter', '$filter');
    pos += 3;
    const literal = toLiteral(value, property);
    const equal = (e: Entity) => (property.type === 'Edm.Guid' ? String(e[property.name]).toLowerCase() === String(literal).toLowerCase() : e[property.name] === literal);
    return op.text === 'eq' ? equal : (e) => !equal(e);
  };

  const predicate = expr();
  if (pos !== tokens.length) throw badQuery(`Unexpected '${tokens[pos]!.text}' in $filter`, '$filter');
  return predicate;
}

/** Literals must fit the property's type: `Name eq 1` or `IsLocked eq 'x'` is a type error in OData too. */
function toLiteral(token: Token, property: PropertyDef): unknown {
  if (token.kind === 'word' && token.text === 'null') return null;
  const mismatch = () => badQuery(`Literal ${token.text} does not fit ${property.type} property '${property.name}'`, '$filter');
  switch (property.type) {
    case 'Edm.String':
    case 'Edm.DateTimeOffset':
      if (token.kind !== 'string') throw mismatch();
      return token.text;
    case 'Edm.Boolean':
      if (token.kind !== 'word' || (token.text !== 'true' && token.text !== 'false')) throw mismatch();
      return token.text === 'true';
    case 'Edm.Int32':
      if (token.kind !== 'word' || !/^-?\d+$/.test(token.text)) throw mismatch();
      return Number(token.text);
    case 'Edm.Guid':
      // V4 writes guids bare; a quoted guid is accepted too, as the brief allows both spellings.
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(token.text)) throw mismatch();
      return token.text;
  }
}
