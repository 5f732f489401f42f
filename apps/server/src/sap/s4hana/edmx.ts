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
