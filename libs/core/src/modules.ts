import type { DeadlineKind } from '@govdata/domain';
import { installOverdueHooks, type OverdueHook } from './deadlines/hooks';
import { installSubjectDescribers, type SubjectDescriber } from './deadlines/subjects';
import { installExportWriters, type ExportWriter } from './exports/writers';
import { installJobs, type JobDefinition } from './jobs/registry';
import type { EntityList } from './orm/config';

/**
 * An area of the platform as the composition root (@govdata/platform) sees it: its tables, its scheduled jobs, what
 * it does when one of its clocks runs out, and how its deadline subjects read to people. Areas never register
 * themselves on import: the platform installs the explicit list of modules once, when it opens the database.
 */
export interface AreaModule {
  name: string;
  entities: EntityList;
  /** scheduled jobs (both runners, BullMQ and in-process, read the installed list) */
  jobs?: JobDefinition[];
  /** the area's extra work when the sweep finds one of its deadline kinds overdue */
  overdueHooks?: Partial<Record<DeadlineKind, OverdueHook>>;
  /** deadline subject type → how subjects of that type read (label, link, who acts for the department) */
  subjects?: Record<string, SubjectDescriber>;
  /** the kinds of export the area runs as export jobs (libs/core `exports`) */
  exports?: ExportWriter[];
}

/**
 * Installs the modules' jobs, overdue hooks, subject describers and export writers, replacing whatever was installed before (so a
 * second call with the same list changes nothing). Two modules claiming the same job, deadline kind or subject type
 * is a wiring mistake and fails at once.
 */
export function installModules(modules: readonly AreaModule[]): void {
  const owner = new Map<string, string>();
  const claim = (what: string, by: string) => {
    const prior = owner.get(what);
    if (prior && prior !== by) throw new Error(`${what} is claimed by both the ${prior} and the ${by} module`);
    owner.set(what, by);
  };
  const jobs: JobDefinition[] = [];
  const hooks: Partial<Record<DeadlineKind, OverdueHook>> = {};
  const subjects = new Map<string, SubjectDescriber>();
  const writers: ExportWriter[] = [];
  for (const m of modules) {
    claim(`module ${m.name}`, m.name);
    for (const job of m.jobs ?? []) {
      claim(`job ${job.name}`, m.name);
      jobs.push(job);
    }
    for (const [kind, hook] of Object.entries(m.overdueHooks ?? {}) as [DeadlineKind, OverdueHook][]) {
      claim(`overdue hook ${kind}`, m.name);
      hooks[kind] = hook;
    }
    for (const [type, describe] of Object.entries(m.subjects ?? {})) {
      claim(`subject ${type}`, m.name);
      subjects.set(type, describe);
    }
    for (const w of m.exports ?? []) {
      claim(`export ${w.kind}`, m.name);
      writers.push(w);
    }
  }
  installJobs(jobs);
  installOverdueHooks(hooks);
  installSubjectDescribers(subjects);
  installExportWriters(writers);
}
