import type { Request } from 'express';
import { parseFilter, type Predicate } from './filter.js';
import type { Entity, EntitySetDef, NavigationDef } from './model.js';
import { badQuery } from './odata-errors.js';

/** The system query options the sandbox supports; others are refused (400) instead of silently ignored. */
export interface QueryOptions {
  filter?: Predicate;
  select?: string[];
  expand: NavigationDef[];
  top?: number;
  skip?: number;
  count: boolean;
}

const SUPPORTED = new Set(['$filter', '$select', '$expand', '$top', '$skip', '$count', '$format']);

export function parseQuery(req: Request, set: EntitySetDef): QueryOptions {
  const options: QueryOptions = { expand: [], count: false };
  for (const [name, raw] of Object.entries(req.query)) {
    if (!name.startsWith('$')) continue; // sap-client and other custom options
    if (!SUPPORTED.has(name)) throw badQuery(`System query option ${name} is not supported`, name);
    if (typeof raw !== 'string') throw badQuery(`System query option ${name} is given more than once`, name);
    const value = raw.trim();
    if (name === '$filter') options.filter = parseFilter(value, set.properties);
    if (name === '$select') options.select = value === '*' ? undefined : listOf(value).map((p) => known(set, p, '$select'));
    if (name === '$expand') options.expand = listOf(value).map((n) => navigationOf(set, n, '$expand'));
    if (name === '$top') options.top = nonNegative(value, name);
    if (name === '$skip') options.skip = nonNegative(value, name);
    if (name === '$count') {
      if (value !== 'true' && value !== 'false') throw badQuery('$count must be true or false', name);
      options.count = value === 'true';
    }
    if (name === '$format' && value !== 'json') throw badQuery('Only $format=json is supported', name);
  }
  return options;
}

const listOf = (value: string) => value.split(',').map((s) => s.trim()).filter(Boolean);

function nonNegative(value: string, name: string): number {
  if (!/^\d+$/.test(value)) throw badQuery(`${name} must be a non-negative integer`, name);
  return Number(value);
}

function known(set: EntitySetDef, name: string, option: string): string {
  if (!set.properties.some((p) => p.name === name) && !set.navigation?.some((n) => n.name === name)) {
    throw badQuery(`Property '${name}' is not defined in type '${set.typeName}'`, option);
  }
  return name;
}

export function navigationOf(set: EntitySetDef, name: string, option: string): NavigationDef {
  const navigation = set.navigation?.find((n) => n.name === name);
  if (!navigation) throw badQuery(`Navigation property '${name}' is not defined in type '${set.typeName}'`, option);
  return navigation;
}

/** $select and $expand on one entity; navigation values come fully shaped (no nested options). */
export function shape(entity: Entity, options: Pick<QueryOptions, 'select' | 'expand'>): Entity {
  const selected = options.select ? Object.fromEntries(options.select.filter((p) => p in entity).map((p) => [p, entity[p]])) : { ...entity };
  for (const navigation of options.expand) selected[navigation.name] = navigation.read(entity);
  return selected;
}

/** Filter, count, page, shape: the order OData prescribes ($count ignores $top/$skip). */
export function applyToCollection(entities: Entity[], options: QueryOptions): { value: Entity[]; count: number } {
  const filtered = options.filter ? entities.filter(options.filter) : entities;
  const skip = options.skip ?? 0;
  const page = filtered.slice(skip, options.top === undefined ? undefined : skip + options.top);
  return { value: page.map((e) => shape(e, options)), count: filtered.length };
}
