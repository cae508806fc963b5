// The public API of @govdata/supervision: what other projects use (regenerated from their imports).
export { Notice, NoticeCounter, NoticeViolation } from './entities/notice.entity';
export { NoticeAttachment } from './entities/rectification.entity';
export { supervisionModule } from './module';
export { buildNoticeDocx } from './notices/document';
export { NOTICE_ESCALATION_JOB, runNoticeEscalation } from './notices/escalation';
export { createNoticeDrafts, discardNoticeDraft, getNotice, issueNotice, listNotices, updateNoticeDraft, type NoticeContext } from './notices/notices';
export { acceptRectification, deleteAttachment, readAttachment, returnRectification, submitRectification, uploadAttachment } from './notices/rectifications';
export { exportNoticesXlsx, noticeStats } from './notices/register';
export { getNoticeSettings, updateNoticeSettings } from './notices/settings';
export { exportViolations } from './violations/export';
export { listServiceRecord } from './violations/service-record';
export { decideOnViolation, getViolation, listViolations, recordManualViolation } from './violations/violations';
