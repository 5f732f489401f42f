import { Router, type Request, type Response } from 'express';
import type { SandboxContext } from '../../context.js';
import type { Destination } from '../../state.js';
import { UNCERTAIN } from '../../uncertain.js';
import { parseDestinationFilter, type ParsedFilter } from './filter.js';

/** The exact text the SAP Cloud SDK needs to answer `null` for an unknown destination (sap-cloud-sdk.md). */
export const NOT_FOUND_MESSAGE = 'Configuration with the specified name was not found';
const TYPES = new Set(['HTTP', 'RFC', 'MAIL', 'LDAP']); // NOTES.md §1, schema Destination
const E = UNCERTAIN.destinationErrors;

type Checked = { ok: true; destination: Destination } | { ok: false; name: string; message: string };

/** Name and Type are the only required keys (NOTES.md §1); everything else is stored as given, flat. */
function check(item: unknown): Checked {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return { ok: false, name: '', message: E.bodyInvalid };
  const d = item as Record<string, unknown>;
  const name = typeof d.Name === 'string' ? d.Name : '';
  if (!name) return { ok: false, name, message: E.nameRequired };
  if (typeof d.Type !== 'string' || !d.Type) return { ok: false, name, message: E.typeRequired };
  if (!TYPES.has(d.Type)) return { ok: false, name, message: E.typeInvalid(d.Type) };
  return { ok: true, destination: { ...(d as Destination) } };
}

const error = (res: Response, status: number, message: string) => void res.status(status).json({ ErrorMessage: message });
const queryString = (req: Request, key: string) => (typeof req.query[key] === 'string' ? (req.query[key] as string) : undefined);

function filterOf(req: Request, res: Response): ParsedFilter | null | undefined {
  const filter = queryString(req, '$filter');
  if (filter === undefined) return undefined;
  try {
    return parseDestinationFilter(filter);
  } catch {
    error(res, 400, E.filterInvalid(filter));
    return null;
  }
}

/** $page / $pageSize / $pageCount / $entityCount (sap-apis.md A.2); header names are UNCERTAIN. */
function page(req: Request, res: Response, all: Destination[]): Destination[] | null {
  const headers = UNCERTAIN.destinationPagingHeaders;
  if (queryString(req, '$entityCount') === 'true') res.setHeader(headers.entityCount, String(all.length));
  const rawPage = queryString(req, '$page');
  const rawSize = queryString(req, '$pageSize');
  if (rawPage === undefined && rawSize === undefined) return all;
  const pageNumber = Number(rawPage ?? 1);
  const size = Number(rawSize ?? UNCERTAIN.destinationDefaultPageSize);
  if (!Number.isInteger(pageNumber) || pageNumber < 1 || !Number.isInteger(size) || size < 1) {
    error(res, 400, 'Invalid paging parameters: $page and $pageSize must be positive integers');
    return null;
  }
  if (queryString(req, '$pageCount') === 'true') res.setHeader(headers.pageCount, String(Math.max(1, Math.ceil(all.length / size))));
  return all.slice((pageNumber - 1) * size, pageNumber * size);
}

/** Subaccount-level destinations CRUD (sap-apis.md A.2, NOTES.md §1 DestinationsOnSubaccountLevelApi). */
export function createSubaccountDestinationsRouter(ctx: SandboxContext): Router {
  const router = Router();
  const store = () => ctx.state.btp.destinations;
  // Modification times for $filter=modifiedwithin(…), kept beside the destinations (state.ts); a saved state may lack them.
  const times = () => (ctx.state.btp.destinationModifiedAt ??= new Map());
  const save = (destination: Destination) => {
    store().set(destination.Name, destination);
    times().set(destination.Name, ctx.now().getTime());
  };
  const remove = (name: string) => {
    times().delete(name);
    return store().delete(name);
  };
  /**
   * The filter's view of each destination. One stored without the API (the sandbox's Fiori/cockpit routes, or a state saved
   * before times were kept) has no time: it counts as modified when first seen here.
   */
  const subjects = () => {
    const now = ctx.now().getTime();
    return [...store().values()].map((destination) => {
      if (!times().has(destination.Name)) times().set(destination.Name, now);
      return { destination, modifiedAt: times().get(destination.Name)!, now };
    });
  };

  router.get('/subaccountDestinations', (req, res) => {
    const filter = filterOf(req, res);
    if (filter === null) return;
    const select = queryString(req, '$select');
    if (select !== undefined && select !== 'Name') return error(res, 400, `Invalid $select value '${select}': only Name is supported`);
    const all = subjects()
      .filter((subject) => !filter || filter.matches(subject))
      .map((subject) => subject.destination);
    const paged = page(req, res, all);
    if (!paged) return;
    res.json(select === 'Name' ? paged.map(({ Name }) => ({ Name })) : paged);
  });

  router.get('/subaccountDestinations/:name', (req, res) => {
    const destination = store().get(req.params.name);
    if (!destination) return error(res, 404, NOT_FOUND_MESSAGE);
    res.json(destination);
  });

  // POST is untyped in the generated client (NOTES.md §1): one object → 201 without body; an array → BulkResponse[].
  // [SPEC] via sap-field-facts.md (A.18): a bulk POST answers 201 when every item was created, else 207 Multi-Status with
  // the BulkResponse[] ({ name, status, cause? }); UNCERTAIN.destinationBulkUpdateStatus says what is still a guess.
  router.post('/subaccountDestinations', (req, res) => {
    const create = (c: Checked) => {
      if (!c.ok) return { name: c.name, status: 400, cause: c.message };
      if (store().has(c.destination.Name)) return { name: c.destination.Name, status: UNCERTAIN.destinationConflictStatus, cause: E.conflict(c.destination.Name) };
      save(c.destination);
      return { name: c.destination.Name, status: UNCERTAIN.destinationCreatedStatus };
    };
    if (Array.isArray(req.body)) {
      const results = req.body.map((item) => create(check(item)));
      const allCreated = results.every((r) => r.status === UNCERTAIN.destinationCreatedStatus);
      return void res.status(allCreated ? 201 : 207).json(results);
    }
    const result = create(check(req.body));
    if (result.cause) return error(res, result.status, result.cause);
    res.status(result.status).end();
  });

  // PUT overwrites the whole destination named inside the body; there is no PUT /{name} (sap-apis.md A.2).
  router.put('/subaccountDestinations', (req, res) => {
    const update = (c: Checked) => {
      if (!c.ok) return { name: c.name, status: 400, cause: c.message };
      if (!store().has(c.destination.Name)) return { name: c.destination.Name, status: 404, cause: NOT_FOUND_MESSAGE };
      save(c.destination);
      return { name: c.destination.Name, status: 200 };
    };
    // SPEC (via sap-field-facts.md) names no status for a bulk PUT: UNCERTAIN.destinationBulkUpdateStatus.
    if (Array.isArray(req.body)) return void res.status(UNCERTAIN.destinationBulkUpdateStatus).json(req.body.map((item) => update(check(item))));
    const result = update(check(req.body));
    if (result.cause) return error(res, result.status, result.cause);
    res.json({ Count: 1 }); // schema Update
  });

  router.delete('/subaccountDestinations/:name', (req, res) => {
    if (!remove(req.params.name)) return error(res, 404, NOT_FOUND_MESSAGE);
    res.status(UNCERTAIN.destinationDeletedStatus).json({ Count: 1 }); // schema Update (NOTES.md §1)
  });

  // Bulk delete: $filter (the same four forms as the list, filter.ts) is required; answers BulkDelete (NOTES.md §1).
  router.delete('/subaccountDestinations', (req, res) => {
    const filter = filterOf(req, res);
    if (filter === null) return;
    if (filter === undefined) return error(res, 400, E.filterRequired);
    const deleted = subjects()
      .filter((subject) => filter.matches(subject))
      .map((subject) => subject.destination.Name);
    for (const name of deleted) remove(name);
    const notFound = filter.names.filter((name) => !deleted.includes(name));
    const Summary = [
      ...deleted.map((name) => ({ name, status: 'DELETED' as const })),
      ...notFound.map((name) => ({ name, status: 'NOT_FOUND' as const, reason: NOT_FOUND_MESSAGE })),
    ];
    res.json({ Count: deleted.length, Summary });
  });

  return router;
}
