import { ServiceUnavailableError } from '@govdata/domain';
import type { JobRunner, Logger } from '../context';

/**
 * With REDIS_URL set, jobs run in apps/scheduler workers through BullMQ; this process only reports that.
 * Running a job on demand through the queue arrives with the scheduler issue.
 */
export async function connectBullmqRunner(deps: { redisUrl: string; log: Logger }): Promise<JobRunner> {
  deps.log.info(`调度器：BullMQ (${deps.redisUrl.replace(/\/\/[^@]*@/, '//***@')})，任务由 apps/scheduler 进程执行`);
  return {
    kind: 'bullmq',
    async runNow() {
      throw new ServiceUnavailableError('立即运行任务需经 BullMQ 调度器，此功能尚未启用', 'job.queue_unavailable');
    },
    async status() {
      return [];
    },
    async stop() {
      // nothing to release: this process holds no queue connection yet
    },
  };
}
