import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import {
  COMPUTATION_PHASE_LABELS,
  scoreAll,
  suspensionList,
  validateScheme,
  type ComputationDto,
  type DepartmentYearFacts,
} from '@govdata/analytics';
import { ConflictError, DomainError, NotFoundError, RuleViolationError, ValidationError, type Actor, type Clock } from '@govdata/domain';
import { shanghaiDate } from '@govdata/workdays';
import { audit, runRead, sqlRun, valuesList } from '@govdata/core';
import { AssessmentComputation, type IAssessmentComputation } from './entities/assessment-computation.entity';
import { AssessmentResult, AssessmentRevision, type IAssessmentResult } from './entities/assessment-revision.entity';
import { assessmentFactsRead } from './facts';
import { hasPublication, latestRevision, publishedRevision } from './revisions';
import { schemeOfYear, storeScheme } from './schemes';

/** A computation whose progress has not moved for this long (platform clock) is taken as dead (its process ended). */
export const STALE_COMPUTATION_MS = 15 * 60_000;

export interface ComputationDeps {
  /** a fresh EntityManager (the app's or the job's database) */
  fork(): EntityManager;
  clock: Clock;
  log?: (message: string) => void;
  /** sees every progress state as it happens (the tests; a log) — the database row is written at most every 200 ms */
  onProgress?: (state: Pick<IAssessmentComputation, 'phase' | 'done' | 'total'>) => void;
}

export const computationDto = (c: IAssessmentComputation): ComputationDto => ({
  id: c.id,
  year: c.year,
  phase: c.phase,
  phaseLabel: COMPUTATION_PHASE_LABELS[c.phase],
  done: c.done,
  total: c.total,
  startedAt: c.startedAt.toISOString(),
  finishedAt: c.finishedAt?.toISOString() ?? null,
  revision: c.revision ?? null,
  error: c.error ?? null,
});

export async function getComputation(em: EntityManager, id: number): Promise<ComputationDto> {
  const c = await em.findOne(AssessmentComputation, { id });
  if (!c) throw new NotFoundError('没有这项考核计算任务', 'assessment.computation_not_found');
  return computationDto(c);
}

/** The current (Asia/Shanghai) year: a year after it has not started and cannot be assessed. */
export const currentYear = (now: Date): number => Number(shanghaiDate(now).slice(0, 4));

/**
 * Checks that the year can be computed now and records a queued computation (第三十条). Refuses a year that has not
 * started (400), a scheme that does not validate (422, listing its problems), a recomputation after a publication
 * without a reason (400), and a second computation of the year while one runs (409 — the unique `active_year` decides).
 * A year without a stored scheme is computed with its proposal, which is stored (and audited) first.
 */
export async function startComputation(em: EntityManager, actor: Actor | null, year: number, options: { reason?: string | null }, now: Date): Promise<IAssessmentComputation> {
  if (year > currentYear(now)) {
    throw new ValidationError(`${year} 年度尚未开始，不能计算考核结果`, [{ path: 'year', message: `不能晚于 ${currentYear(now)} 年` }], 'assessment.year_not_started');
  }
  const { scheme, record } = await schemeOfYear(em, year);
  const problems = validateScheme(scheme);
  if (problems.length > 0) {
    throw new RuleViolationError(`${year} 年度考核方案未通过校验，不能计算：${problems.join('；')}。请先修改考核方案。`, 'assessment.scheme_invalid', { problems });
  }
  const reason = options.reason?.trim() || null;
  if ((await hasPublication(em, year)) && !reason) {
    throw new ValidationError(`${year} 年度考核结果已公布，重新计算须写明原因（将生成新的修订，已公布的结果保持不变）`, [{ path: 'reason', message: '请填写重新计算的原因' }], 'assessment.reason_required');
  }
  const active = await em.findOne(AssessmentComputation, { activeYear: year });
  if (active) {
    if (now.getTime() - active.heartbeatAt.getTime() < STALE_COMPUTATION_MS) {
      throw new ConflictError(`${year} 年度的考核结果正在计算中（任务 ${active.id}），请等待其完成`, 'assessment.computation_running', { computationId: active.id });
    }
    Object.assign(active, { phase: 'failed', activeYear: null, finishedAt: now, error: '计算进程已中断（长时间无进展）' });
    await em.flush();
  }
  if (!record) await storeScheme(em, actor, year, scheme, now, 'assessment.scheme.adopt');
  const computation = em.create(AssessmentComputation, {
    year,
    activeYear: year,
    phase: 'queued',
    done: 0,
    total: 0,
    reason,
    startedAt: now,
    heartbeatAt: now,
    finishedAt: null,
    startedBy: actor?.userId ?? null,
    revision: null,
    error: null,
  });
  try {
    await em.flush();
  } catch (e) {
    if (e instanceof UniqueConstraintViolationException) throw new ConflictError(`${year} 年度的考核结果正在计算中，请等待其完成`, 'assessment.computation_running');
    throw e;
  }
  return computation;
}

type Progress = Pick<IAssessmentComputation, 'phase' | 'done' | 'total'>;

/** Writes progress in order, coalescing: at most one write in flight, always of the latest state. */
function progressWriter(deps: ComputationDeps, id: number) {
  let latest: Progress | null = null;
  let chain: Promise<void> = Promise.resolve();
  let lastWrite = 0;
  const write = () => {
    const state = latest;
    latest = null;
    if (!state) return Promise.resolve();
    lastWrite = performance.now();
    return deps
      .fork()
      .nativeUpdate(AssessmentComputation, { id, activeYear: { $ne: null } }, { ...state, heartbeatAt: deps.clock.now() })
      .then(() => undefined);
  };
  return {
    /** queue a state; `force` writes it even when the last write was a moment ago */
    set(state: Progress, force = false) {
      deps.onProgress?.(state);
      latest = state;
      if (force || performance.now() - lastWrite > 200) chain = chain.then(write, write);
    },
    flush(): Promise<void> {
      chain = chain.then(write, write);
      return chain;
    },
  };
}

/**
 * Runs a queued computation: facts (GROUP BY per department) → scoring and ranking → saving, with progress. The
 * saving is one transaction: while the year's latest revision is a draft it is replaced in place (same number);
 * after a publication the results become revision number + 1, as a draft. `previousTotal` is last year's
 * published total. Ends with phase `done` (and the revision number) or `failed` (and a message); never throws.
 */
export async function runComputation(deps: ComputationDeps, computationId: number, actor: Actor | null): Promise<ComputationDto> {
  const em = deps.fork();
  const computation = await em.findOneOrFail(AssessmentComputation, { id: computationId });
  const year = computation.year;
  const progress = progressWriter(deps, computationId);
  try {
    const now = deps.clock.now();
    const { scheme } = await schemeOfYear(em, year);

    progress.set({ phase: 'facts', done: 0, total: 0 }, true);
    // the long part (the sharing query alone 1.3–1.6 s at 500,000 requests): a read task, which the API on SQLite runs
    // in a worker thread (libs/platform workers/reader.ts) so that its other requests go on meanwhile
    const facts: DepartmentYearFacts[] = await runRead(deps.fork(), assessmentFactsRead, { year, now }, (done, total) => progress.set({ phase: 'facts', done, total }));
    await progress.flush();

    progress.set({ phase: 'scoring', done: 0, total: facts.length }, true);
    const previous = await publishedRevision(em, year - 1);
    const previousTotals = new Map<number, number>();
    if (previous) {
      for (const r of await em.find(AssessmentResult, { revision: previous.id })) previousTotals.set(r.department.id, r.total);
    }
    const ranked = scoreAll(scheme, facts, previousTotals);
    const suspension = new Map(suspensionList(scheme, ranked, facts).map((s) => [s.departmentId, s.reasons]));
    const factsById = new Map(facts.map((f) => [f.departmentId, f]));
    const factsOf = (id: number): DepartmentYearFacts => {
      const f = factsById.get(id);
      if (!f) throw new Error(`facts of department ${id} missing`); // scoreAll scored exactly these facts
      return f;
    };
    progress.set({ phase: 'scoring', done: facts.length, total: facts.length }, true);
    await progress.flush();

    progress.set({ phase: 'saving', done: 0, total: ranked.length }, true);
    await progress.flush();
    const asOf = facts[0]?.asOf ?? (year < currentYear(now) ? `${year}-12-31` : shanghaiDate(now));
    const number = await em.transactional(async (tx) => {
      const latest = await latestRevision(tx, year);
      let revision;
      // computedAt is the instant the facts were read: the drill-down lists the records as they stood then
      const fields = { reason: computation.reason ?? null, asOf, computedAt: now, computedBy: actor?.userId ?? null, scheme, departmentCount: ranked.length };
      if (latest?.status === 'draft') {
        revision = latest;
        await tx.nativeDelete(AssessmentResult, { revision: latest.id });
        Object.assign(revision, fields);
      } else {
        revision = tx.create(AssessmentRevision, { year, number: (latest?.number ?? 0) + 1, status: 'draft', publishedAt: null, publishedBy: null, ...fields });
      }
      await tx.flush();
      for (let i = 0; i < ranked.length; i += RESULTS_PER_INSERT) {
        const part = ranked.slice(i, i + RESULTS_PER_INSERT);
        await insertResults(
          tx,
          part.map((s): ResultRow => {
            const reasons = suspension.get(s.departmentId) ?? [];
            return {
              revisionId: revision.id,
              departmentId: s.departmentId,
              total: s.total,
              grade: s.grade,
              rank: s.rank,
              previousTotal: s.previousTotal,
              change: s.change,
              measuredWeight: s.measuredWeight,
              indicators: s.indicators,
              categories: s.categories,
              facts: factsOf(s.departmentId),
              suspended: reasons.length > 0,
              suspensionReasons: reasons,
            };
          }),
        );
        // same connection as the transaction: a second one would wait for it (SQLite has one writer)
        const done = i + part.length;
        deps.onProgress?.({ phase: 'saving', done, total: ranked.length });
        await tx.nativeUpdate(AssessmentComputation, { id: computationId }, { done, heartbeatAt: deps.clock.now() });
      }
      audit(tx, {
        actor,
        systemName: 'system:annual-assessment',
        action: latest?.status === 'draft' ? 'assessment.recompute_draft' : 'assessment.compute',
        subjectType: 'assessment_revision',
        subjectId: `${year}#${revision.number}`,
        before: latest?.status === 'draft' ? { number: latest.number, status: 'draft' } : null,
        after: { year, number: revision.number, status: 'draft', asOf, departments: ranked.length, reason: fields.reason, suspended: suspension.size },
        at: deps.clock.now(),
      });
      await tx.flush();
      return revision.number;
    });

    await progress.flush();
    const finished = { phase: 'done' as const, done: ranked.length, total: ranked.length, revision: number, activeYear: null, finishedAt: deps.clock.now(), heartbeatAt: deps.clock.now() };
    await deps.fork().nativeUpdate(AssessmentComputation, { id: computationId }, finished);
    deps.onProgress?.(finished);
    deps.log?.(`${year} 年度考核结果计算完成：修订 ${number}，${ranked.length} 个部门`);
    return computationDto({ ...computation, ...finished });
  } catch (e) {
    await progress.flush().catch(() => undefined);
    const message = e instanceof DomainError ? e.message : `计算失败：${e instanceof Error ? e.message : String(e)}`;
    const failed = { phase: 'failed' as const, activeYear: null, finishedAt: deps.clock.now(), heartbeatAt: deps.clock.now(), error: message.slice(0, 2000) };
    await deps.fork().nativeUpdate(AssessmentComputation, { id: computationId }, failed);
    deps.log?.(`${year} 年度考核结果计算失败：${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return computationDto({ ...computation, ...failed });
  }
}

/**
 * Results per INSERT: 13 bound values a row (SQLite takes 32,766 at most, PostgreSQL 65,535), ≈ 6 KB of JSON a row
 * with the 2026 scheme — 1.5 MB a statement; the computation's progress moves on after each.
 */
const RESULTS_PER_INSERT = 250;

type ResultRow = Pick<IAssessmentResult, 'total' | 'grade' | 'rank' | 'previousTotal' | 'change' | 'measuredWeight' | 'indicators' | 'categories' | 'facts' | 'suspended' | 'suspensionReasons'> & {
  revisionId: number;
  departmentId: number;
};

/**
 * Writes results as one bound multi-row INSERT — what the ORM stored for `em.create(AssessmentResult, …)`, column for
 * column (its JSON columns are JSON.stringify'd on both dialects; a boolean binds as 0/1 on SQLite). At 1,000
 * departments the ORM's way cost 1.7–2.7 s of the provincial computation: each result's ≈ 6 KB of JSON went through
 * its change sets, hydration of the generated ids and comparison (issue 19, finding 4). Ids come from the table's
 * sequence in row order, as the ORM's batch got them; nothing reads them back here.
 */
async function insertResults(em: EntityManager, rows: ResultRow[]): Promise<void> {
  if (!rows.length) return;
  const json = (v: unknown) => JSON.stringify(v);
  await sqlRun(
    em,
    `insert into assessment_results (revision_id, department_id, total, grade, "rank", previous_total, "change", measured_weight, indicators, categories, facts, suspended, suspension_reasons)
     values ${valuesList(rows.length, 13)}`,
    rows.flatMap((r) => [r.revisionId, r.departmentId, r.total, r.grade, r.rank, r.previousTotal ?? null, r.change ?? null, r.measuredWeight, json(r.indicators), json(r.categories), json(r.facts), r.suspended, json(r.suspensionReasons)]),
  );
}

/**
 * At the start of a single-process deployment (embedded scheduler, no REDIS_URL) no computation can be running: any
 * row still marked active was cut off by a restart. Marks them failed so the year can be computed again.
 */
export async function failInterruptedComputations(em: EntityManager, now: Date): Promise<number> {
  return em.nativeUpdate(AssessmentComputation, { activeYear: { $ne: null } }, { phase: 'failed', activeYear: null, finishedAt: now, error: '服务重启，计算被中断，请重新计算' });
}

const running = new Set<Promise<unknown>>();

/** Runs a computation in the background of this process (the API answers 202 at once and the SPA polls). */
export function launchComputation(deps: ComputationDeps, computationId: number, actor: Actor | null): Promise<ComputationDto> {
  const p = runComputation(deps, computationId, actor);
  running.add(p);
  void p.finally(() => running.delete(p));
  return p;
}

/** Resolves once every computation launched in this process has ended (shutdown, tests). */
export async function settleComputations(): Promise<void> {
  while (running.size > 0) await Promise.allSettled([...running]);
}

/** Starts and runs a computation to its end (the annual job, the demo seed). */
export async function computeYear(deps: ComputationDeps, actor: Actor | null, year: number, options: { reason?: string | null } = {}): Promise<ComputationDto> {
  const em = deps.fork();
  const computation = await em.transactional((tx) => startComputation(tx, actor, year, options, deps.clock.now()));
  return runComputation(deps, computation.id, actor);
}
