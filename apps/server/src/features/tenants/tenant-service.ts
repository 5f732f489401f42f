import { ERROR_CODES, type CreateTenant, type ListTenantsQuery, type Member, type Tenant, type TenantPage, type TenantRole } from '@tcc/shared';
import { TENANT_NOT_FOUND } from '../../http/access-control.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../http/errors.js';
import type { Store, TenantRecord } from '../../store/types.js';
import { duplicateToConflict } from '../duplicate-to-conflict.js';

export interface TenantService {
  list(userId: string, query: ListTenantsQuery): Promise<TenantPage>;
  get(tenantId: string, userId: string): Promise<Tenant>;
  /** The creator becomes the tenant's admin. */
  create(input: CreateTenant, creator: { userId: string; username: string; systemAdmin: boolean }): Promise<Tenant>;
  rename(tenantId: string, name: string, by: { userId: string; username: string }): Promise<Tenant>;
  remove(tenantId: string): Promise<void>;
  listMembers(tenantId: string): Promise<{ items: Member[] }>;
  putMember(tenantId: string, userId: string, role: TenantRole): Promise<Member>;
  removeMember(tenantId: string, userId: string): Promise<void>;
}

const toTenant = ({ role, ...record }: TenantRecord): Tenant => ({ ...record, myRole: role });

export function createTenantService({ store, clock, newId, anyoneCreatesTenants = false }: { store: Store; clock: () => Date; newId: () => string; anyoneCreatesTenants?: boolean }): TenantService {
  const notFound = () => new NotFoundError(TENANT_NOT_FOUND);

  /** A tenant without an admin could never be managed again. */
  const assertAnAdminRemains = async (tenantId: string, changedUserId: string) => {
    const admins = (await store.listMembers(tenantId)).filter((m) => m.role === 'admin' && m.userId !== changedUserId);
    if (admins.length === 0) throw new ConflictError(ERROR_CODES.conflict, 'A tenant needs at least one admin. Make someone else admin first.');
  };

  return {
    async list(userId, query) {
      const { rows, total } = await store.listTenants(userId, query);
      return { items: rows.map(toTenant), total, page: query.page, pageSize: query.pageSize };
    },
    async get(tenantId, userId) {
      const record = await store.getTenant(tenantId, userId);
      if (!record) throw notFound();
      return toTenant(record);
    },
    async create({ name }, creator) {
      // Each tenant holds a customer's data: who may open one is a setting (TENANT_CREATION), system admins by default.
      if (!anyoneCreatesTenants && !creator.systemAdmin) throw new ForbiddenError('Only a system administrator can create tenants here. Ask one to create it and add you as a member.');
      const id = newId();
      await store.createTenant({ id, name }, creator.userId, { at: clock().toISOString(), by: creator.username }).catch(duplicateToConflict);
      return this.get(id, creator.userId);
    },
    async rename(tenantId, name, by) {
      const renamed = await store.renameTenant(tenantId, name, { at: clock().toISOString(), by: by.username }).catch(duplicateToConflict);
      if (!renamed) throw notFound();
      return this.get(tenantId, by.userId);
    },
    async remove(tenantId) {
      if (!(await store.deleteTenant(tenantId))) throw notFound();
    },
    async listMembers(tenantId) {
      return { items: await store.listMembers(tenantId) };
    },
    async putMember(tenantId, userId, role) {
      const user = await store.getUser(userId);
      if (!user) throw new NotFoundError('There is no user with this ID. A system administrator creates users first.');
      if (role !== 'admin') await assertAnAdminRemains(tenantId, userId);
      await store.putMember(tenantId, userId, role);
      return { userId, username: user.username, displayName: user.displayName, role };
    },
    async removeMember(tenantId, userId) {
      await assertAnAdminRemains(tenantId, userId);
      if (!(await store.deleteMember(tenantId, userId))) throw new NotFoundError('This user is not a member of the tenant.');
    },
  };
}
