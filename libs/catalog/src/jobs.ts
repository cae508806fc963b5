import type { JobDefinition } from '@govdata/core';
import { scanAllDuplicates } from './duplicates';
import { runCatalogFreshness } from './freshness';

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

/** 目录时效检查 — daily 01:00 Asia/Shanghai (第七条, 更新周期, 第三十三条第（一）（五）项). */
export const catalogFreshnessJob: JobDefinition = {
  name: 'catalog-freshness',
  title: '目录时效检查：目录更新期限、数据更新周期、未编制目录',
  schedule: { pattern: '0 1 * * *' },
  run: async (ctx) => ({ ...(await runCatalogFreshness(ctx)) }),
};
