import type { JobDefinition } from '../jobs/registry';
import { isPostgres } from './sql';
import { refreshSqliteStatistics } from './statistics';

/** 数据库统计信息更新 — the daily refresh of SQLite's planner statistics (see refreshSqliteStatistics). */
export const databaseStatisticsJob: JobDefinition = {
  name: 'database-statistics',
  title: '数据库统计信息更新',
  schedule: { pattern: '40 3 * * *' },
  async run({ em }) {
    if (isPostgres(em)) return { scanned: 0 };
    await refreshSqliteStatistics(em.getKnex());
    return { scanned: 1 };
  },
};
