import type { EntityManager } from '@mikro-orm/knex';

/** How a deadline's subject reads to people: a sentence fragment and the page that shows it. */
export interface SubjectDescription {
  /** e.g. 共享申请 GXSQ-2026-003140「网信政府信息公开信息」 */
  label: string;
  /** SPA route, e.g. /share/requests/3140; null when the subject has no page */
  link: string | null;
  /**
   * Users outside the responsible department's officers who act for it on this subject and so must hear of its
   * deadline too: a provider's review agents (第十六条(一)) for the provider's reply to a request.
   */
  actsFor?: number[];
  /**
   * Ids a finding keeps in its evidence details so that its page can link to the subject through the source-kind
   * registry (`VIOLATION_SOURCE_KINDS`), e.g. `{ requestId }` for a share request's step.
   */
  refs?: Record<string, number>;
}

/** Describes many subjects of one type at once (the sweep works in batches). */
export type SubjectDescriber = (em: EntityManager, ids: number[]) => Promise<Map<number, SubjectDescription>>;

/** The installed describers (`installModules`): each area describes its own subjects. */
const DESCRIBERS = new Map<string, SubjectDescriber>();

/** Replaces the installed describers; called by `installModules`. */
export function installSubjectDescribers(describers: Map<string, SubjectDescriber>): void {
  DESCRIBERS.clear();
  for (const [type, describe] of describers) DESCRIBERS.set(type, describe);
}

/**
 * Labels for the subjects of a batch of deadlines, for evidence and notifications. Subjects of a type nobody
 * registered, or no longer found, read as "<type> #<id>" — never a failure.
 */
export async function describeSubjects(em: EntityManager, subjects: { subjectType: string; subjectId: number }[]): Promise<(subjectType: string, subjectId: number) => SubjectDescription> {
  const byType = new Map<string, Set<number>>();
  for (const s of subjects) {
    const ids = byType.get(s.subjectType) ?? new Set<number>();
    ids.add(s.subjectId);
    byType.set(s.subjectType, ids);
  }
  const found = new Map<string, Map<number, SubjectDescription>>();
  for (const [type, ids] of byType) {
    const describe = DESCRIBERS.get(type);
    if (describe) found.set(type, await describe(em, [...ids]));
  }
  return (subjectType, subjectId) => found.get(subjectType)?.get(subjectId) ?? { label: `${subjectType} #${subjectId}`, link: null };
}
