import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { OpenReviewConclusion, OpenReviewKind } from '@govdata/domain';
import { User } from '@govdata/core';
import { CatalogEntry } from '@govdata/catalog';

/**
 * 开放前审查 (第二十六条): a 保密审查 or 政务公开审查 the providing department recorded for an entry — who, when,
 * conclusion and basis. Append-only: a new review of the same kind supersedes the earlier one, which stays as history.
 */
export const OpenReview = defineEntity({
  name: 'OpenReview',
  tableName: 'open_reviews',
  indexes: [{ properties: ['entry', 'kind', 'recordedAt'] }],
  properties: {
    id: p.integer().primary(),
    entry: () => p.manyToOne(CatalogEntry).ref(),
    kind: p.string().length(12).$type<OpenReviewKind>(),
    conclusion: p.string().length(12).$type<OpenReviewConclusion>(),
    basis: p.text(),
    reviewer: p.string().length(100),
    recordedBy: () => p.manyToOne(User).ref(),
    recordedAt: p.datetime(),
  },
});
export type IOpenReview = InferEntity<typeof OpenReview>;
