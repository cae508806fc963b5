import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { OpenApplicationStatus } from '@govdata/domain';
import { Department, User } from '@govdata/core';
import { CatalogEntry } from '@govdata/catalog';
import { OpenDataset } from './open-dataset.entity';
import { PublicUser } from './public-account.entity';

/**
 * 依申请开放申请 (第二十四条): a public user's application for the data of an open-on-application dataset — purpose,
 * scenario, the items wanted (field names), the period of use, security commitments — and the provider's answer
 * (approve with conditions and validity, or refuse with reasons and basis). The answer clock is an
 * `open_application` deadline with subject ('open_application', id).
 */
export const OpenApplication = defineEntity({
  name: 'OpenApplication',
  tableName: 'open_applications',
  indexes: [{ properties: ['provider', 'status'] }, { properties: ['applicant', 'submittedAt'] }, { properties: ['dataset', 'applicant', 'status'] }],
  properties: {
    id: p.integer().primary(),
    applicant: () => p.manyToOne(PublicUser).ref(),
    dataset: () => p.manyToOne(OpenDataset).ref(),
    entry: () => p.manyToOne(CatalogEntry).ref(),
    provider: () => p.manyToOne(Department).ref(),
    purpose: p.text(),
    scenario: p.text(),
    /** the items asked for, by field name (a subset of the dataset's open items when submitted) */
    fields: p.json<string[]>(),
    periodFrom: p.string().length(10),
    periodTo: p.string().length(10),
    commitments: p.text(),
    status: p.string().length(12).$type<OpenApplicationStatus>(),
    submittedAt: p.datetime(),
    answeredAt: p.datetime().nullable(),
    answeredBy: () => p.manyToOne(User).ref().nullable(),
    conditions: p.text().nullable(),
    validUntil: p.string().length(10).nullable(),
    refusalReasons: p.text().nullable(),
    refusalBasis: p.text().nullable(),
  },
});
export type IOpenApplication = InferEntity<typeof OpenApplication>;
