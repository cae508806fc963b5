// The public API of @govdata/opendata.
export { OpenDataset, type IOpenDataset } from './entities/open-dataset.entity';
export { OpenReview, type IOpenReview } from './entities/open-review.entity';
export { opendataModule } from './module';
export { getOpenDataset, openDepartments, portalHome, searchOpenDatasets, themeOf, visibleDatasets } from './portal';
export { OpenFileSize, OpenUsage } from './entities/open-usage.entity';
export { DownloadFileCache } from './file-cache';
export { DOWNLOAD_CONTENT_TYPES, DownloadAborted, downloadFilename, publicColumnsOf, publicData, publicPreview, publicRows, writeDownload, type PublicData } from './downloads';
export { filesOf, recordFileSize } from './files';
export { countUsage, usageOf, type UsageEvent } from './usage';
export { OPEN_CALL_CLIENT, openUsageStats, openUsageStatsRead, openUsageWorkbook, usageScope, type UsageScope } from './usage-stats';
export { entryOpenStatus, openQueue, publishOpen, recordOpenReview, withdrawOpen } from './publishing';
export { CKAN_ACTIONS, CKAN_VERSION, CkanError, ckanAction, ckanId, ckanPackage, groupName, organizationName } from './ckan';
export { DCAT_FORMATS, DCAT_PAGE_SIZE, NS, catalogTriples, datasetTriplesOf, toJsonLd, toRdfXml, toTurtle, type DcatFormat, type Triple } from './dcat';
export { PublicApiKey, PublicSession, PublicUser, type IPublicUser } from './entities/public-account.entity';
export { OpenApplication, type IOpenApplication } from './entities/open-application.entity';
export {
  API_KEY_PATTERN,
  authenticateApiKey,
  authenticatePublic,
  createApiKey,
  listApiKeys,
  loginPublicUser,
  logoutPublicUser,
  presentedKey,
  publicActorName,
  publicUserMe,
  registerPublicUser,
  revokeApiKey,
  touchApiKey,
  type PublicAuthenticated,
} from './accounts/accounts';
export { answerOpenApplication, getOpenApplication, listOpenApplications, myOpenApplications, openApplicationForm, submitOpenApplication, type ApplicationContext } from './applications/applications';
export { apiKeyAccessKey, serveOpenRows, type OpenCallFacts } from './applications/rows';
export { OpenRating, OpenShowcase } from './entities/open-feedback.entity';
export { datasetFeedback, listShowcases, rateDataset, reviewShowcase, submitShowcase, visibleDataset } from './feedback/feedback';
export { openAnnualReport, openAnnualReportRead, openAnnualReportWorkbook } from './annual-report';
