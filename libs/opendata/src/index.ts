// The public API of @govdata/opendata.
export { OpenDataset, type IOpenDataset } from './entities/open-dataset.entity';
export { OpenReview, type IOpenReview } from './entities/open-review.entity';
export { opendataModule } from './module';
export { countDownload, getOpenDataset, openDepartments, portalHome, searchOpenDatasets, themeOf } from './portal';
export { entryOpenStatus, openQueue, publishOpen, recordOpenReview, withdrawOpen } from './publishing';
export { CKAN_ACTIONS, CKAN_VERSION, CkanError, ckanAction, ckanId, ckanPackage, groupName, organizationName } from './ckan';
export { DCAT_FORMATS, DCAT_PAGE_SIZE, NS, catalogTriples, datasetTriplesOf, toJsonLd, toRdfXml, toTurtle, type DcatFormat, type Triple } from './dcat';
