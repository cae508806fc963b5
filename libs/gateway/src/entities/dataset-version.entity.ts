import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { DatasetStatus } from '@govdata/domain';
import { CatalogEntry } from '@govdata/catalog';
import { User } from '@govdata/core';

/** One column of a version: the item it holds, frozen as it was at upload (a later edit of the item changes nothing here). */
export interface DatasetColumn {
  itemId: number;
  fieldName: string;
  name: string;
  dataType: string;
  /** the SQL column in the version's row table */
  column: string;
}

/**
 * 数据版本 — an immutable upload of an entry's data. Its rows live in their own table (`rowsTable`) with one typed
 * column per item and an index per query-key item. Publishing makes it the entry's live version; the one it replaces
 * stays readable for {@link SUPERSEDED_READABLE_DAYS} days.
 */
export const DatasetVersion = defineEntity({
  name: 'DatasetVersion',
  tableName: 'dataset_versions',
  uniques: [{ properties: ['entry', 'version'] }],
  indexes: [{ properties: ['entry', 'status'] }],
  properties: {
    id: p.integer().primary(),
    entry: () => p.manyToOne(CatalogEntry).ref(),
    version: p.integer(),
    status: p.string().length(12).$type<DatasetStatus>(),
    format: p.string().length(8).$type<'csv' | 'xlsx'>(),
    encoding: p.string().length(12).nullable(),
    filename: p.string().length(200).nullable(),
    rows: p.integer(),
    bytes: p.bigint('number'),
    sha256: p.string().length(64),
    columns: p.json<DatasetColumn[]>(),
    rowsTable: p.string().length(40),
    uploadedAt: p.datetime(),
    uploadedBy: () => p.manyToOne(User).ref().nullable(),
    uploadedByName: p.string().length(60),
    publishedAt: p.datetime().nullable(),
    supersededAt: p.datetime().nullable(),
    readableUntil: p.datetime().nullable(),
  },
});
export type IDatasetVersion = InferEntity<typeof DatasetVersion>;
