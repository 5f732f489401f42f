import type { EntitySetDef, ServiceDef } from './model.js';
import { badQuery, resourceNotFound } from './odata-errors.js';

/** A request path below the service root: `Set`, `Set(key)`, `Set(key)/Nav`, `Set/$count`. */
export interface ResourcePath {
  set: EntitySetDef;
  key?: string;
  navigation?: string;
  count: boolean;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Express does not decode req.path, and clients differ in what they escape (quotes as %27), so decode once here. */
export function parseResourcePath(service: ServiceDef, rawPath: string): ResourcePath {
  let path: string;
  try {
    path = decodeURIComponent(rawPath).replace(/^\/+|\/+$/g, '');
  } catch {
    throw badQuery('The resource path is not correctly encoded');
  }
  const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:\((.*)\))?(?:\/([A-Za-z_$][A-Za-z0-9_]*))?$/.exec(path);
  const set = match && service.sets.find((s) => s.name === match[1]);
  if (!match || !set) throw resourceNotFound(`Resource not found for segment '${path.split('/')[0]}'`);
  const segment = match[3];
  const result: ResourcePath = { set, count: segment === '$count' };
  if (match[2] !== undefined) result.key = parseKey(set, match[2]);
  if (segment && segment !== '$count') {
    if (result.key === undefined || !set.navigation?.some((n) => n.name === segment)) throw resourceNotFound(`Resource not found for segment '${segment}'`);
    result.navigation = segment;
  }
  if (result.count && result.key !== undefined) throw resourceNotFound('$count is only supported on collections');
  return result;
}

/**
 * Key predicates in V4 syntax: `('CC0000000001')`, `(ID='CC0000000001')`, `(UUID=0894ef45-…)` (guids are bare in V4) and, leniently,
 * a quoted guid. A literal of the wrong type is a 400, as in Gateway.
 */
function parseKey(set: EntitySetDef, predicate: string): string {
  const named = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(predicate);
  if (named && named[1] !== set.key) throw badQuery(`'${named[1]}' is not the key of ${set.typeName}; the key is ${set.key}`);
  const literal = named ? named[2]! : predicate;
  const quoted = /^'((?:[^']|'')*)'$/.exec(literal);
  const value = quoted ? quoted[1]!.replace(/''/g, "'") : literal;
  const type = set.properties.find((p) => p.name === set.key)?.type;
  if (type === 'Edm.Guid' ? !GUID.test(value) : !quoted) throw badQuery(`Key literal ${literal} does not fit the type of ${set.key}`);
  return type === 'Edm.Guid' ? value.toLowerCase() : value;
}
