/**
 * Entity sets and their property names from an OData V4 EDMX ($metadata). Used to check on a live tenant which fields
 * the SAP_COM_0A48 services really have, since no official EDMX was found (NOTES.md §2).
 *
 * Regular expressions rather than an XML parser: the server has no XML dependency, and EDMX written by Gateway is
 * regular (self-closing <Property/>, one <EntityType> block per type). Namespaces and aliases are resolved by the
 * last dotted segment of the type name, which is unique within one service.
 */
export function entitySetsAndProperties(edmx: string): Record<string, string[]> {
  const attribute = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
  const propertiesByType = new Map<string, string[]>();
  for (const [, open = '', inner = ''] of edmx.matchAll(/<EntityType\b([^>]*?)(?:\/>|>([\s\S]*?)<\/EntityType>)/g)) {
    const typeName = attribute(open, 'Name');
    if (!typeName) continue;
    const properties = [...inner.matchAll(/<Property\b[^>]*>/g)].map(([tag]) => attribute(tag, 'Name')).filter((n): n is string => !!n);
    propertiesByType.set(typeName, properties);
  }
  const result: Record<string, string[]> = {};
  for (const [tag] of edmx.matchAll(/<EntitySet\b[^>]*>/g)) {
    const setName = attribute(tag, 'Name');
    const type = attribute(tag, 'EntityType');
    if (!setName || !type) continue;
    result[setName] = propertiesByType.get(type.split('.').pop()!) ?? [];
  }
  return result;
}

/** Terms of the OData Core vocabulary that say a client cannot write a property, whatever its alias (Core, SAP__core…). */
const READ_ONLY_TERMS = /\.(Computed|Immutable)$/;

/**
 * What a service's $metadata says a client may write and how: properties annotated `Core.Computed` or `Core.Immutable`
 * (inline or in an `<Annotations Target="ns.Type/Prop">` block), and entity sets under `Core.OptimisticConcurrency`
 * (their writes need If-Match). Keys are `Type/Property` and set names. Read-only, for the preflight's tenant facts.
 */
export function writeRestrictions(edmx: string): { readOnly: Set<string>; optimisticConcurrency: Set<string> } {
  const readOnly = new Set<string>();
  const optimisticConcurrency = new Set<string>();
  const last = (name: string) => name.split('.').pop()!;
  for (const [, open = '', inner = ''] of edmx.matchAll(/<EntityType\b([^>]*?)>([\s\S]*?)<\/EntityType>/g)) {
    const type = /\bName="([^"]*)"/.exec(open)?.[1];
    for (const [, name, body = ''] of inner.matchAll(/<Property\b[^>]*\bName="([^"]*)"[^>]*?(?:\/>|>([\s\S]*?)<\/Property>)/g)) {
      if ([...body.matchAll(/<Annotation\b[^>]*\bTerm="([^"]*)"/g)].some(([, term]) => READ_ONLY_TERMS.test(term!))) readOnly.add(`${type}/${name}`);
    }
  }
  for (const [, target = '', inner = ''] of edmx.matchAll(/<Annotations\b[^>]*\bTarget="([^"]*)"[^>]*>([\s\S]*?)<\/Annotations>/g)) {
    const terms = [...inner.matchAll(/<Annotation\b[^>]*\bTerm="([^"]*)"/g)].map(([, term]) => term!);
    const [path, member] = target.split('/');
    if (member && terms.some((t) => READ_ONLY_TERMS.test(t)) && !path!.endsWith('Container')) readOnly.add(`${last(path!)}/${member}`);
    if (terms.some((t) => t.endsWith('.OptimisticConcurrency'))) optimisticConcurrency.add(member ?? last(path!));
  }
  return { readOnly, optimisticConcurrency };
}
