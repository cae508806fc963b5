// The public API of @govdata/catalog/testing: what other projects use (regenerated from their imports).
export { createTestEntry, type TestEntryInput } from './catalog-fixtures';
export { entryInput } from './catalog';
export { multiplyPublishedCatalog } from './releases';
