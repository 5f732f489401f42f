import type { CreateTenant, ListTenantsQuery, Tenant, TenantPage } from '@tcc/shared';
import { NotFoundError } from '../../http/errors.js';
import type { Store, TenantRecord } from '../../store/types.js';
import { duplicateToConflict } from '../duplicate-to-conflict.js';

export interface TenantService {
  list(query: ListTenantsQuery): Promise<TenantPage>;
  get(tenantId: string): Promise<Tenant>;
  create(input: CreateTenant, actor: string): Promise<Tenant>;
  rename(tenantId: string, name: string, actor: string): Promise<Tenant>;
  remove(tenantId: string): Promise<void>;
}

const toTenant = (record: TenantRecord): Tenant => record;

export function createTenantService({ store, clock, newId }: { store: Store; clock: () => Date; newId: () => string }): TenantService {
  const notFound = () => new NotFoundError('This tenant does not exist (any more). Go back to the tenant list.');

  return {
    async list(query) {
      const { rows, total } = await store.listTenants(query);
      return { items: rows.map(toTenant), total, page: query.page, pageSize: query.pageSize };
    },
    async get(tenantId) {
      const record = await store.getTenant(tenantId);
      if (!record) throw notFound();
      return toTenant(record);
    },
    async create({ name }, actor) {
      const id = newId();
      await store.createTenant({ id, name }, { at: clock().toISOString(), by: actor }).catch(duplicateToConflict);
      return this.get(id);
    },
    async rename(tenantId, name, actor) {
      const renamed = await store.renameTenant(tenantId, name, { at: clock().toISOString(), by: actor }).catch(duplicateToConflict);
      if (!renamed) throw notFound();
      return this.get(tenantId);
    },
    async remove(tenantId) {
      if (!(await store.deleteTenant(tenantId))) throw notFound();
    },
  };
}
