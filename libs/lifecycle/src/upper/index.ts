export { UpperResource, type IUpperResource } from './entities/upper-resource.entity';
export { UpperNeed, type IUpperNeed } from './entities/upper-need.entity';
export { UpperApplication, type IUpperApplication } from './entities/upper-application.entity';
export { upperDataModule } from './module';
export { createUpperResource, deleteUpperResource, getUpperResource, importUpperResources, listUpperResources, parseUpperWorkbook, updateUpperResource, upperResourceTemplate, UPPER_SHEET } from './resources';
export { getUpperNeed, listUpperNeeds, submitUpperNeed, UPPER_APPLICATION_SUBJECT, UPPER_NEED_SUBJECT, withdrawUpperNeed } from './needs';
export { consolidateUpperNeeds, exportUpperApplication, getUpperApplication, listUpperApplications, listUpperPending, passBackUpperApplication, replyUpperApplication, submitUpperApplication } from './applications';
