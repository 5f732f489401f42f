import { API_ROUTES, ErrorBodySchema, type ApiRoute } from '@tcc/shared';
import { z } from 'zod';

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

function parameters(route: ApiRoute) {
  const list: object[] = [];
  for (const [where, schema] of [['path', route.params], ['query', route.query]] as const) {
    if (!schema) continue;
    const shape = jsonSchema(schema, 'input') as { properties?: Record<string, object>; required?: string[] };
    for (const [name, property] of Object.entries(shape.properties ?? {})) {
      list.push({ name, in: where, required: where === 'path' || (shape.required ?? []).includes(name), schema: property });
    }
  }
  return list;
}

/** OpenAPI 3.1 (JSON Schema 2020-12) generated from the shared route table and its zod schemas. */
export function createOpenApiDocument(version: string) {
  const paths: Record<string, Record<string, object>> = {};
  const errorResponse = { description: 'Error', content: { 'application/json': { schema: jsonSchema(ErrorBodySchema, 'output') } } };
  for (const [operationId, route] of Object.entries(API_ROUTES) as [string, ApiRoute][]) {
    const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const success =
      route.response === null
        ? { description: 'Done, no content' }
        : {
            description: 'Success',
            content: { [route.produces ?? 'application/json']: { schema: jsonSchema(route.response, 'output') } },
          };
    paths[path] ??= {};
    paths[path][route.method] = {
      operationId,
      summary: route.summary,
      parameters: parameters(route),
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } } } : {}),
      responses: { [route.status]: success, '4XX': errorResponse, '5XX': errorResponse },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Task Center Connect API', version, description: 'Connect SAP S/4HANA Cloud to SAP Task Center through SAP BTP.' },
    paths,
  };
}
