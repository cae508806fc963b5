import type { EntityManager } from '@mikro-orm/knex';
import { upperApplicationCode, upperNeedCode } from '@govdata/domain';
import { fromSqlTime, placeholders, sqlAll, type SubjectDescription } from '@govdata/core';

/** A need's clock reads as the need: 上级数据需求 SJXQ-2026-000004「山西省企业登记信息」（需求部门：…）. */
export async function describeUpperNeeds(em: EntityManager, ids: number[]): Promise<Map<number, SubjectDescription>> {
  if (ids.length === 0) return new Map();
  const rows = await sqlAll<{ id: number; received_at: unknown; resource_name: string; department_name: string }>(
    em,
    'select n.id, n.received_at, r.name as resource_name, d.name as department_name from upper_needs n join upper_resources r on r.id = n.resource_id join departments d on d.id = n.department_id' +
      ` where n.id in (${placeholders(ids.length)})`,
    ids,
  );
  return new Map(
    rows.map((r) => {
      const id = Number(r.id);
      return [id, { label: `上级数据需求 ${upperNeedCode(id, fromSqlTime(r.received_at))}「${r.resource_name}」（需求部门：${r.department_name}）`, link: '/upper/applications', refs: { upperNeedId: id } }];
    }),
  );
}

/** An application's clock reads as the batch application: 统一申请 SJSQ-2026-000002「…」（3 个部门）. */
export async function describeUpperApplications(em: EntityManager, ids: number[]): Promise<Map<number, SubjectDescription>> {
  if (ids.length === 0) return new Map();
  const rows = await sqlAll<{ id: number; created_at: unknown; resource_name: string; departments: number | string }>(
    em,
    'select a.id, a.created_at, r.name as resource_name, (select count(distinct n.department_id) from upper_needs n where n.application_id = a.id) as departments' +
      ` from upper_applications a join upper_resources r on r.id = a.resource_id where a.id in (${placeholders(ids.length)})`,
    ids,
  );
  return new Map(
    rows.map((r) => {
      const id = Number(r.id);
      return [id, { label: `统一申请 ${upperApplicationCode(id, fromSqlTime(r.created_at))}「${r.resource_name}」（${Number(r.departments)} 个需求部门）`, link: `/upper/applications/${id}`, refs: { upperApplicationId: id } }];
    }),
  );
}
