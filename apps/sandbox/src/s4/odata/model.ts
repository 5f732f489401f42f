/**
 * How a sandbox OData V4 service is described: entity sets with typed properties, a key and navigations. One description
 * drives $metadata, payload checks, $filter/$select validation and the JSON shape, so they cannot disagree.
 */
export type EdmType = 'Edm.String' | 'Edm.Boolean' | 'Edm.Int32' | 'Edm.Guid' | 'Edm.DateTimeOffset';

export type Entity = Record<string, unknown>;

export interface PropertyDef {
  name: string;
  type: EdmType;
  maxLength?: number;
  /** Set by the server (Core.Computed): ignored in request payloads, as OData clients expect. */
  computed?: boolean;
}

export interface NavigationDef {
  name: string;
  /** Name of the target entity set in the same service. */
  target: string;
  many: boolean;
  read(entity: Entity): Entity[] | Entity | null;
  /** PATCH/POST on `Set(key)/Nav`; absent means the navigation is read-only. */
  write?(entity: Entity, body: Entity): Entity;
}

export interface EntitySetDef {
  name: string;
  typeName: string;
  key: string;
  properties: PropertyDef[];
  navigation?: NavigationDef[];
  /** All entities in their OData JSON shape (without navigation properties). */
  all(): Entity[];
  /** `body` holds the checked, non-computed properties; `navigation` the navigation properties sent for deep insert. */
  create?(body: Entity, navigation: Record<string, unknown>): Entity;
  update?(key: string, body: Entity): Entity;
  remove?(key: string): void;
}

export interface ServiceDef {
  /** Service name, e.g. aps_com_cu_a4c_odata; also names the EDMX namespace. */
  name: string;
  basePath: string;
  sets: EntitySetDef[];
}

/** SAP's namespace for RAP-published V4 services (srvd_a2x, version 0001). */
export const namespaceOf = (service: ServiceDef) => `com.sap.gateway.srvd_a2x.${service.name}.v0001`;

/** An empty entity set: the services list it (sap-apis.md D) but the sandbox does not simulate its content. */
export function emptySet(name: string, typeName: string, key: string, properties: PropertyDef[]): EntitySetDef {
  return { name, typeName, key, properties, all: () => [] };
}

/** The OData JSON shape of a state object: exactly the declared properties, with defaults for those the state does not hold. */
export function toEntity(source: object, properties: PropertyDef[], overrides: Entity = {}): Entity {
  const values = source as Record<string, unknown>;
  const defaults: Record<EdmType, unknown> = { 'Edm.String': '', 'Edm.Boolean': false, 'Edm.Int32': 0, 'Edm.Guid': null, 'Edm.DateTimeOffset': null };
  return Object.fromEntries(properties.map((p) => [p.name, p.name in overrides ? overrides[p.name] : (values[p.name] ?? defaults[p.type])]));
}

/**
 * Declared properties that the shared state type does not hold (NOTES.md lists more fields than the sandbox simulates) are
 * kept per state object here, so a client reads back what it wrote instead of a silent default.
 */
export function extraPropertyStore<T extends object>(stateKeys: readonly string[]) {
  const store = new WeakMap<T, Entity>();
  return {
    /** Splits a checked payload into fields of the state object and extra fields. */
    split(body: Entity): { state: Entity; extra: Entity } {
      const state: Entity = {};
      const extra: Entity = {};
      for (const [k, v] of Object.entries(body)) (stateKeys.includes(k) ? state : extra)[k] = v;
      return { state, extra };
    },
    save(target: T, extra: Entity): void {
      store.set(target, { ...store.get(target), ...extra });
    },
    read: (target: T): Entity => store.get(target) ?? {},
  };
}
