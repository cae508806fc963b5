// The public API of @govdata/assessment: what other projects use (regenerated from their imports).
export { STALE_COMPUTATION_MS, computationDto, computeYear, currentYear, failInterruptedComputations, getComputation, launchComputation, settleComputations, startComputation } from './compute';
export { dashboardRead, loadDashboard } from './dashboard';
export { drillRecordsRead, loadDrillRecords } from './drill';
export { AssessmentComputation } from './entities/assessment-computation.entity';
export { AssessmentResult, AssessmentRevision } from './entities/assessment-revision.entity';
export { resultsXlsx, suspensionXlsx } from './export';
export { assessmentFactsRead, loadAssessmentFacts, type FactsOptions } from './facts';
export { assessmentModule } from './module';
export { publishRevision } from './publication';
export { getBreakdown, getDrill, getPublicResults, getResults, getSuspension, listAssessmentYears, listPublicYears } from './results';
export { copySchemeFromYear, getSchemeView, saveScheme, schemeOfYear } from './schemes';
export { assessmentAsOf } from './sql-helpers';
