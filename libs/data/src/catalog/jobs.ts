import { JOBS, type JobDefinition } from '../jobs/registry';
import { scanAllDuplicates } from './duplicates';

/** 一数一源 (第九条): re-checks the whole catalog every night; publishing an entry checks that entry at once. */
export const catalogDuplicateScanJob: JobDefinition = {
  name: 'catalog-duplicate-scan',
  title: '一数一源重复采集检查',
  schedule: { pattern: '30 2 * * *' },
  async run({ em, now }) {
    const stats = await em.transactional((tx) => scanAllDuplicates(tx, now));
    return { scanned: stats.scanned, duplicatesFound: stats.found, duplicatesCreated: stats.created };
  },
};

if (!JOBS.some((j) => j.name === catalogDuplicateScanJob.name)) JOBS.push(catalogDuplicateScanJob);
