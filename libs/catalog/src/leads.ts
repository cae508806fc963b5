import { sql } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import {
  BASE_LIBRARIES,
  BASE_LIBRARY_LABELS,
  RuleViolationError,
  isBaseLibrary,
  type Actor,
  type LibraryLeadDto,
  type LibraryLeadInput,
  type ResourceType,
} from '@govdata/domain';
import { audit, Department, departmentSummary, sqlAll } from '@govdata/core';
import { CatalogEntry } from './entities/catalog-entry.entity';
import { CatalogLibraryLead } from './entities/catalog-library-lead.entity';

/** Lead departments of the libraries (第六条), keyed `type:library`. */
export type LeadMap = Map<string, number>;
export const leadKey = (resourceType: ResourceType, library: string | null | undefined): string => `${resourceType}:${library ?? ''}`;

export async function loadLeads(em: EntityManager): Promise<LeadMap> {
  // plain rows: read on every catalog list, never changed here
  const rows = await sqlAll<{ resource_type: ResourceType; library: string; department_id: number }>(em, 'select resource_type, library, department_id from catalog_library_leads', []);
  return new Map(rows.map((r) => [leadKey(r.resource_type, r.library), Number(r.department_id)]));
}

export async function libraryLeadId(em: EntityManager, resourceType: ResourceType, library: string | null | undefined): Promise<number | null> {
  if (resourceType === 'department' || !library) return null;
  const row = await em.findOne(CatalogLibraryLead, { resourceType, library });
  return row?.department.id ?? null;
}

/** The libraries an actor's department leads, as `library` values (base ids and thematic names never collide). */
export function ledLibraries(leads: LeadMap, departmentId: number): string[] {
  return [...leads].filter(([, d]) => d === departmentId).map(([k]) => k.slice(k.indexOf(':') + 1));
}

/** Every base library (led or not) and every thematic library that has a lead or entries, with its entry count. */
export async function listLibraryLeads(em: EntityManager): Promise<LibraryLeadDto[]> {
  const [rows, counts] = await Promise.all([
    em.find(CatalogLibraryLead, {}, { populate: ['department'] }),
    em
      .createQueryBuilder(CatalogEntry, 'e')
      .select(['e.resourceType', 'e.library', sql`count(*)`.as('n')])
      .where({ resourceType: { $in: ['base', 'thematic'] }, status: { $ne: 'retired' } })
      .groupBy(['e.resourceType', 'e.library'])
      .execute<{ resourceType?: string; resource_type?: string; library: string; n: string | number }[]>(),
  ]);
  const countOf = new Map(counts.map((c) => [leadKey((c.resourceType ?? c.resource_type) as ResourceType, c.library), Number(c.n)]));
  const byKey = new Map(rows.map((r) => [leadKey(r.resourceType, r.library), r]));
  const keys = new Set<string>([...BASE_LIBRARIES.map((b) => leadKey('base', b)), ...byKey.keys(), ...[...countOf.keys()].filter((k) => k.startsWith('thematic:'))]);
  return [...keys].map((key) => {
    const [type, ...rest] = key.split(':');
    const library = rest.join(':');
    const row = byKey.get(key);
    return {
      resourceType: type as 'base' | 'thematic',
      library,
      label: isBaseLibrary(library) ? `${BASE_LIBRARY_LABELS[library]}库` : library,
      department: row ? departmentSummary(row.department.getEntity()) : null,
      entryCount: countOf.get(key) ?? 0,
      updatedAt: row?.updatedAt.toISOString() ?? null,
    };
  }).sort((a, b) => (a.resourceType === b.resourceType ? a.library.localeCompare(b.library, 'zh') : a.resourceType === 'base' ? -1 : 1));
}

/** The bureau names (or changes) a library's lead department. */
export async function setLibraryLead(em: EntityManager, actor: Actor, input: LibraryLeadInput, now: Date): Promise<LibraryLeadDto[]> {
  const dept = await em.findOne(Department, input.departmentId);
  if (!dept) throw new RuleViolationError(`部门 ${input.departmentId} 不存在`, 'department.not_found');
  const existing = await em.findOne(CatalogLibraryLead, { resourceType: input.resourceType, library: input.library });
  const before = existing ? { departmentId: existing.department.id } : null;
  if (existing) {
    existing.department = em.getReference(Department, dept.id) as never;
    existing.updatedBy = actor.userId as never;
    existing.updatedAt = now;
  } else {
    em.create(CatalogLibraryLead, { resourceType: input.resourceType, library: input.library, department: dept.id, updatedBy: actor.userId, updatedAt: now });
  }
  audit(em, { actor, action: 'catalog.library_lead.set', subjectType: 'catalog_library', subjectId: leadKey(input.resourceType, input.library), before, after: { departmentId: dept.id }, at: now });
  await em.flush();
  return listLibraryLeads(em);
}
