import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { ShowcaseKind, ShowcaseStatus } from '@govdata/domain';
import { User } from '@govdata/core';
import { OpenDataset } from './open-dataset.entity';
import { PublicUser } from './public-account.entity';

/** 评分: one per portal user and dataset (1–5), changed by rating again. */
export const OpenRating = defineEntity({
  name: 'OpenRating',
  tableName: 'open_ratings',
  uniques: [{ properties: ['dataset', 'user'] }],
  properties: {
    id: p.integer().primary(),
    dataset: () => p.manyToOne(OpenDataset).ref(),
    user: () => p.manyToOne(PublicUser).ref().index(),
    score: p.integer(),
    ratedAt: p.datetime(),
  },
});
export type IOpenRating = InferEntity<typeof OpenRating>;

/** 利用成果: an app, report or study a portal user built on a dataset; shown once the bureau approved it. */
export const OpenShowcase = defineEntity({
  name: 'OpenShowcase',
  tableName: 'open_showcases',
  indexes: [{ properties: ['dataset', 'status'] }, { properties: ['status', 'submittedAt'] }],
  properties: {
    id: p.integer().primary(),
    dataset: () => p.manyToOne(OpenDataset).ref(),
    author: () => p.manyToOne(PublicUser).ref().index(),
    title: p.string().length(100),
    kind: p.string().length(12).$type<ShowcaseKind>(),
    description: p.text(),
    url: p.string().length(500).nullable(),
    status: p.string().length(12).$type<ShowcaseStatus>(),
    submittedAt: p.datetime(),
    reviewedAt: p.datetime().nullable(),
    reviewedBy: () => p.manyToOne(User).ref().nullable(),
    reason: p.string().length(500).nullable(),
  },
});
export type IOpenShowcase = InferEntity<typeof OpenShowcase>;
