import { shanghaiDate } from '@govdata/workdays';
import { findJob, runJob, type JobDeps, type JobResult, type QueueAttempt } from './registry';

export type JobOutcome = JobResult | { skipped: string };

/**
 * Runs a registered job by name for a runner (the BullMQ worker's processor, the API's embedded timers): a scheduled
 * run of a working-days-only job is skipped on a non-working day (libs/workdays); a manual run never is.
 */
export async function executeJob(deps: JobDeps, name: string, trigger: 'schedule' | 'manual', runner: 'bullmq' | 'in-process', queued?: QueueAttempt): Promise<JobOutcome> {
  const job = findJob(name);
  if (!job) throw new Error(`unknown job “${name}”: not in the JOBS registry`);
  if (trigger === 'schedule' && job.workingDaysOnly && !deps.calendar.lenient.isWorkingDay(shanghaiDate(deps.clock.now()))) {
    return { skipped: '非工作日，按计划跳过' };
  }
  return runJob(deps, job, trigger, runner, queued);
}
