import type { EntityManager } from '@mikro-orm/knex';
import { suggestFieldName, type EntryStatus, type ShareType } from '@govdata/domain';
import { CatalogDedicatedDepartment, CatalogEntry, CatalogEntrySearch, type ICatalogEntry } from '../entities/catalog-entry.entity';
import { CatalogEntryVersion } from '../entities/catalog-entry-version.entity';
import { CatalogItem, type ICatalogItem } from '../entities/catalog-item.entity';
import { loadAggregate, snapshotOf } from '../model';

export interface TestEntryInput {
  providerId: number;
  name: string;
  shareType?: ShareType;
  items?: string[];
  status?: EntryStatus;
  shareConditions?: string | null;
  noShareReason?: string | null;
  noShareBasis?: string | null;
  /** 专用 (第十六条(三)): these departments use it without a request */
  dedicatedTo?: number[];
  now?: Date;
  /** also its version 1, as publishing writes it (the snapshot a release files): for tests that publish a release */
  withVersion?: boolean;
}

let sequence = 0;

/**
 * A catalog entry straight into the tables, for tests of other areas that need published resources without going
 * through the catalog workflow.
 */
export async function createTestEntry(em: EntityManager, input: TestEntryInput): Promise<{ entry: ICatalogEntry; items: ICatalogItem[] }> {
  const now = input.now ?? new Date('2026-01-05T09:00:00+08:00');
  const n = ++sequence;
  const shareType = input.shareType ?? 'conditional';
  const names = input.items ?? ['公民身份号码', '姓名', '性别', '出生日期', '住址'];
  const entry = em.create(CatalogEntry, {
    code: `T-3-99-${String(process.pid % 1000).padStart(3, '0')}-${String(n).padStart(4, '0')}`,
    name: input.name,
    resourceType: 'department',
    library: null,
    classCode: '3-99-001-001',
    provider: input.providerId,
    summary: `${input.name}（测试资源）`,
    format: 'database',
    formatDetail: null,
    shareType,
    shareConditions: shareType === 'conditional' ? (input.shareConditions ?? '仅限履行法定职责使用') : null,
    noShareReason: shareType === 'none' ? (input.noShareReason ?? '涉及国家秘密') : null,
    noShareBasis: shareType === 'none' ? (input.noShareBasis ?? '《中华人民共和国保守国家秘密法》第九条') : null,
    shareMethod: 'platform_api',
    dedicated: (input.dedicatedTo?.length ?? 0) > 0,
    openType: 'closed',
    openConditions: null,
    closedReason: 'personal_privacy',
    closedBasis: '《中华人民共和国个人信息保护法》',
    updateCycle: 'daily',
    dataUpdatedAt: '2026-01-04',
    securityGrade: 'important',
    securityAgreementRequired: shareType === 'conditional',
    internalReview: { scenarios: '政务服务', userIdentity: '政务部门', region: '朔州市', scope: '履职范围' },
    collectionBasisType: 'law',
    collectionBasis: '《中华人民共和国居民身份证法》',
    dataRange: null,
    applicationScenarios: null,
    relatedCodes: [],
    status: input.status ?? 'published',
    publishedAt: now,
    currentVersion: 1,
    createdBy: null,
    createdAt: now,
    updatedAt: now,
  });
  const items = names.map((name, i) =>
    em.create(CatalogItem, { entry, position: i + 1, name, fieldName: suggestFieldName(name, i + 1), normalizedName: name, dataType: 'string', length: 50, nullable: true, primaryKey: i === 0, queryKey: i === 0, sensitive: i === 0, secret: false, desensitization: i === 0 ? 'partial_mask' : 'none', description: null, createdAt: now, removedAt: null }),
  );
  for (const d of input.dedicatedTo ?? []) em.create(CatalogDedicatedDepartment, { entry, department: d });
  em.create(CatalogEntrySearch, { entry, text: `${entry.code} ${input.name} ${names.join(' ')}`.toLowerCase() });
  await em.flush();
  if (input.withVersion) {
    em.create(CatalogEntryVersion, { entry, version: 1, snapshot: snapshotOf(await loadAggregate(em, entry.id)), diff: [], note: null, changedBy: null, changedByName: 'test', changedAt: now });
    await em.flush();
  }
  return { entry, items };
}
