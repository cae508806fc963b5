import type { EntityManager } from '@mikro-orm/knex';
import { consoleLinks, shareRequestCode } from '@govdata/domain';
import { fromSqlTime, isPostgres, sqlAll, type SubjectDescription } from '@govdata/core';

interface StepRow {
  id: number;
  kind: string;
  request_id: number;
  submitted_at: unknown;
  entry_id: number;
  provider_id: number;
  entry_name: string;
  requester_name: string;
}

/**
 * A step's clock reads as its request: 共享申请 GXSQ-2026-003140「网信政府信息公开信息」（申请部门：…）. The provider's
 * review agents (第十六条(一)) act for it on its reply, so they hear of that clock too. Two bound SQL reads per batch
 * (the sweep describes up to 500 steps at once), no entities.
 */
export async function describeShareSteps(em: EntityManager, ids: number[]): Promise<Map<number, SubjectDescription>> {
  if (ids.length === 0) return new Map();
  const steps = await sqlAll<StepRow>(
    em,
    'select s.id, s.kind, r.id as request_id, r.submitted_at, r.entry_id, r.provider_id, e.name as entry_name, q.name as requester_name' +
      ' from share_request_steps s join share_requests r on r.id = s.request_id join catalog_entries e on e.id = r.entry_id join departments q on q.id = r.requester_id' +
      ` where s.id in (${ids.map(() => '?').join(', ')})`,
    ids,
  );
  // the provider's agents for these requests' entries (all entries, or the entry named), fetched once per batch
  const providers = [...new Set(steps.filter((s) => s.kind === 'provider_reply').map((s) => Number(s.provider_id)))];
  const agents = providers.length
    ? await sqlAll<{ provider_id: number; user_id: number; entry_id: number | null }>(
        em,
        `select a.provider_id, a.user_id, a.entry_id from share_agents a join users u on u.id = a.user_id where u.disabled = ${isPostgres(em) ? 'false' : '0'} and a.provider_id in (${providers.map(() => '?').join(', ')})`,
        providers,
      )
    : [];
  return new Map(
    steps.map((s) => {
      const requestId = Number(s.request_id);
      const label = `共享申请 ${shareRequestCode(requestId, fromSqlTime(s.submitted_at))}「${s.entry_name}」（申请部门：${s.requester_name}）`;
      const actsFor =
        s.kind === 'provider_reply'
          ? agents.filter((a) => Number(a.provider_id) === Number(s.provider_id) && (a.entry_id === null || Number(a.entry_id) === Number(s.entry_id))).map((a) => Number(a.user_id))
          : [];
      return [Number(s.id), { label, link: consoleLinks.shareRequest(requestId), actsFor, refs: { requestId } }];
    }),
  );
}
