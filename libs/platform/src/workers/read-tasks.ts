import type { ReadTask } from '@govdata/core';
import { assessmentFactsRead, dashboardRead, drillRecordsRead } from '@govdata/assessment';
import { callRecordStatsRead } from '@govdata/gateway';
import { openAnnualReportRead, openUsageStatsRead } from '@govdata/opendata';

/**
 * The reads a worker thread runs for the API on SQLite (workers/reader.ts), by name — every read measured to stop
 * the event loop for more than ~100 ms at a city's size (docs/performance.md § Heavy reads off the event loop):
 * an assessment's facts, its drill-downs, the leadership dashboard, the open-data usage statistics and annual
 * report, the call statistics. A task not listed here runs on the caller's connection.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list of tasks of any argument and result types
export const READ_TASKS: readonly ReadTask<any, any>[] = [assessmentFactsRead, drillRecordsRead, dashboardRead, openUsageStatsRead, openAnnualReportRead, callRecordStatsRead];
