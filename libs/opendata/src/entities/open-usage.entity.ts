import { defineEntity, p } from '@mikro-orm/core';

/**
 * 使用统计: views of a dataset's page and downloads of its files, per open dataset and Shanghai day — what the
 * bureau's usage statistics and the assessment's open-data indicators read. One atomic upsert per event; the
 * dataset's running totals (`open_datasets.views` / `downloads`) move in the same statement batch.
 */
export const OpenUsage = defineEntity({
  name: 'OpenUsage',
  tableName: 'open_usage',
  indexes: [{ properties: ['day'] }],
  properties: {
    datasetId: p.integer().primary(),
    day: p.string().length(10).primary(),
    views: p.integer().default(0),
    downloads: p.integer().default(0),
  },
});

/**
 * The size of a download file as last served in full, per data version and format: shown beside the download
 * buttons and as `dcat:byteSize`. A version is immutable, so the size of its file changes only with the column rules.
 */
export const OpenFileSize = defineEntity({
  name: 'OpenFileSize',
  tableName: 'open_file_sizes',
  properties: {
    versionId: p.integer().primary(),
    format: p.string().length(4).primary(),
    bytes: p.bigint('number'),
    rows: p.integer(),
  },
});
