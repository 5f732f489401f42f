import { createHash } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import { buildMetadata } from './metadata.js';
import type { Entity, EntitySetDef, ServiceDef } from './model.js';
import { badPayload, methodNotAllowed, preconditionFailed, preconditionRequired, resourceNotFound } from './odata-errors.js';
import { applyToCollection, navigationOf, parseQuery, shape } from './query.js';
import { parseResourcePath, type ResourcePath } from './resource-path.js';

/**
 * One OData V4 service from its description: service document, $metadata, collections, single entities, navigation and
 * CRUD. Business rules live in the set's create/update/remove (communication-model.ts); this file only speaks the protocol.
 */
export interface ServiceOptions {
  /** profile.ts patchRequiresIfMatch: entities carry `@odata.etag` and a PATCH/PUT must send `If-Match` (OData 4.01 §11.4.1.1). */
  optimisticConcurrency(): boolean;
}

export function createODataServiceRouter(service: ServiceDef, options: ServiceOptions = { optimisticConcurrency: () => false }): Router {
  const router = Router();
  router.use(express.json({ limit: '1mb' }));
  router.use((req, res) => {
    const concurrency = options.optimisticConcurrency();
    if (req.path === '/' || req.path === '') return only(req, 'GET', () => serviceDocument(service, res));
    if (req.path === '/$metadata') return only(req, 'GET', () => void res.type('application/xml').send(buildMetadata(service, { optimisticConcurrency: concurrency })));
    const resource = parseResourcePath(service, req.path);
    if (req.method === 'GET') return read(resource, req, res, concurrency);
    if (req.method === 'DELETE' && resource.key !== undefined && !resource.navigation && resource.set.remove) {
      findEntity(resource.set, resource.key);
      resource.set.remove(resource.key);
      return void res.status(204).end();
    }
    if ((req.method === 'POST' || req.method === 'PATCH' || req.method === 'PUT') && resource.navigation) return writeNavigation(service, resource, req, res, concurrency);
    if (req.method === 'POST' && resource.key === undefined && !resource.count && resource.set.create) {
      const { properties, navigation } = checkBody(resource.set, req.body);
      const created = resource.set.create(properties, navigation);
      res.setHeader('Location', `${req.protocol}://${req.get('host')}${req.baseUrl}/${resource.set.name}(${keyLiteral(resource.set, created)})`);
      return void res.status(201).json({ '@odata.context': `$metadata#${resource.set.name}/$entity`, ...withEtag(created, concurrency) });
    }
    // PUT is handled like PATCH: the sandbox's entities have no optional state that a full replace would reset.
    if ((req.method === 'PATCH' || req.method === 'PUT') && resource.key !== undefined && resource.set.update) {
      const current = findEntity(resource.set, resource.key);
      if (concurrency) checkIfMatch(req, current);
      const updated = resource.set.update(resource.key, checkBody(resource.set, req.body).properties);
      return void res.status(200).json({ '@odata.context': `$metadata#${resource.set.name}/$entity`, ...withEtag(updated, concurrency) });
    }
    throw methodNotAllowed(`${req.method} is not allowed on ${req.path}`);
  });
  return router;
}

function only(req: Request, method: string, answer: () => void): void {
  if (req.method !== method) throw methodNotAllowed(`${req.method} is not allowed on ${req.path}`);
  answer();
}

function serviceDocument(service: ServiceDef, res: Response): void {
  res.json({ '@odata.context': '$metadata', value: service.sets.map((s) => ({ name: s.name, kind: 'EntitySet', url: s.name })) });
}

function read(resource: ResourcePath, req: Request, res: Response, concurrency: boolean): void {
  const { set, key, navigation } = resource;
  if (key === undefined) {
    const options = parseQuery(req, set);
    const { value, count } = applyToCollection(set.all(), options);
    if (resource.count) return void res.type('text/plain').send(String(count));
    const tagged = concurrency ? value.map((shaped) => ({ '@odata.etag': etagOf(unshaped(set, shaped)), ...shaped })) : value;
    return void res.json({ '@odata.context': `$metadata#${set.name}`, ...(options.count ? { '@odata.count': count } : {}), value: tagged });
  }
  const entity = findEntity(set, key);
  if (!navigation) return void res.json({ '@odata.context': `$metadata#${set.name}/$entity`, ...(concurrency ? { '@odata.etag': etagOf(entity) } : {}), ...shape(entity, parseQuery(req, set)) });
  const nav = navigationOf(set, navigation, 'path');
  const value = nav.read(entity);
  if (Array.isArray(value)) return void res.json({ '@odata.context': `$metadata#${nav.target}`, value });
  // A single-valued navigation without a target answers 204 No Content (OData Protocol 4.01 §11.2.6).
  if (value === null) return void res.status(204).end();
  res.json({ '@odata.context': `$metadata#${nav.target}/$entity`, ...value });
}

function writeNavigation(service: ServiceDef, resource: ResourcePath, req: Request, res: Response, concurrency: boolean): void {
  const nav = navigationOf(resource.set, resource.navigation!, 'path');
  const target = service.sets.find((s) => s.name === nav.target)!;
  // A collection navigation takes POST (create a related entity); a single one PATCH/PUT (and POST, as the [3rd] migrator sends).
  if (!nav.write || (nav.many && req.method !== 'POST')) throw methodNotAllowed(`${req.method} is not allowed on ${req.path}`);
  const entity = findEntity(resource.set, resource.key!);
  // Changing a single-valued part (an arrangement's inbound user) changes the entity: it needs the entity's ETag too.
  if (concurrency && !nav.many) checkIfMatch(req, entity);
  const written = nav.write(entity, checkBody(target, req.body).properties);
  res.status(req.method === 'POST' ? 201 : 200).json({ '@odata.context': `$metadata#${nav.target}/$entity`, ...written });
}

export function findEntity(set: EntitySetDef, key: string): Entity {
  const wanted = key.toLowerCase();
  const entity = set.all().find((e) => String(e[set.key]).toLowerCase() === wanted);
  if (!entity) throw resourceNotFound(`No ${set.typeName} with ${set.key} ${key}`);
  return entity;
}

function keyLiteral(set: EntitySetDef, entity: Entity): string {
  const value = String(entity[set.key]);
  return set.properties.find((p) => p.name === set.key)?.type === 'Edm.Guid' ? value : `'${value.replace(/'/g, "''")}'`;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Deserialises a payload as Gateway does: unknown properties and values of the wrong type are 400, computed properties
 * are ignored, annotations (`@odata.*`) are skipped, and navigation properties are handed over for deep insert.
 */
function checkBody(set: EntitySetDef, body: unknown): { properties: Entity; navigation: Record<string, unknown> } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badPayload('The request body must be a JSON object (Content-Type: application/json)');
  const properties: Entity = {};
  const navigation: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    if (name.includes('@')) continue;
    if (set.navigation?.some((n) => n.name === name)) {
      navigation[name] = value;
      continue;
    }
    const property = set.properties.find((p) => p.name === name);
    if (!property) throw badPayload(`Property '${name}' is not defined in type '${set.typeName}'`, name);
    if (property.computed) continue;
    const ok =
      property.type === 'Edm.Boolean' ? typeof value === 'boolean'
      : property.type === 'Edm.Int32' ? Number.isInteger(value)
      : property.type === 'Edm.Guid' ? typeof value === 'string' && GUID.test(value)
      : typeof value === 'string';
    if (!ok) throw badPayload(`Value ${JSON.stringify(value)} is not valid for ${property.type} property '${name}'`, name);
    if (property.maxLength && typeof value === 'string' && value.length > property.maxLength) {
      throw badPayload(`Value of '${name}' exceeds the MaxLength=${property.maxLength} facet`, name);
    }
    properties[name] = value;
  }
  return { properties, navigation };
}

/** A weak ETag over the entity's current values: any change of a property changes it. */
export function etagOf(entity: Entity): string {
  return `W/"${createHash('sha256').update(JSON.stringify(entity)).digest('base64url').slice(0, 22)}"`;
}

/** The full entity behind a shaped collection item ($select may have dropped fields the ETag covers). */
function unshaped(set: EntitySetDef, shaped: Entity): Entity {
  const key = shaped[set.key];
  return set.all().find((e) => e[set.key] === key) ?? shaped;
}

/** OData 4.01 §11.4.1.1 / §8.2.4: no If-Match → 428; one that matches neither `*` nor the current ETag → 412. */
function checkIfMatch(req: Request, current: Entity): void {
  const header = req.get('if-match');
  if (!header) throw preconditionRequired('This entity is protected by optimistic concurrency: send If-Match with its ETag');
  const tags = header.split(',').map((t) => t.trim());
  if (!tags.includes('*') && !tags.includes(etagOf(current))) throw preconditionFailed('The entity was changed since it was read: read it again and send its current ETag');
}

const withEtag = (entity: Entity, concurrency: boolean): Entity => (concurrency ? { '@odata.etag': etagOf(entity), ...entity } : entity);
