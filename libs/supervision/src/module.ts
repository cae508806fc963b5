import type { AreaModule } from '@govdata/core';
import { Notice, NoticeCounter, NoticeSettings, NoticeViolation } from './entities/notice.entity';
import { NoticeAttachment, Rectification } from './entities/rectification.entity';
import { noticeEscalationJob, noticeRectificationOverdue } from './notices/escalation';
import { describeNotices } from './subjects';

/** 监督 (第七章): violations decided by the bureau, written notices (第三十三条) and their rectification. */
export const supervisionModule: AreaModule = {
  name: 'supervision',
  entities: [Notice, NoticeViolation, NoticeCounter, NoticeSettings, Rectification, NoticeAttachment],
  jobs: [noticeEscalationJob],
  overdueHooks: { notice_rectification: noticeRectificationOverdue },
  subjects: { notice: describeNotices },
};
