import type { AreaModule } from '@govdata/core';
import { Correction } from './entities/correction.entity';
import { CorrectionAttachment } from './entities/correction-attachment.entity';
import { HighFrequencyMember } from './entities/high-frequency-member.entity';
import { Retirement } from './entities/retirement.entity';
import { correctionOverdue, describeCorrections } from './overdue';
import { retirementJob } from './retirements';
import { withdrawnDataJob } from './withdrawn';

/**
 * 生命周期 (第十七条 纠错, 第十九条 下线, 第十八条 高频数据共享库): corrections with their 5-working-day check, retirements
 * with their transition, the memberships of the high-frequency library.
 */
export const lifecycleModule: AreaModule = {
  name: 'lifecycle',
  entities: [Correction, CorrectionAttachment, Retirement, HighFrequencyMember],
  jobs: [retirementJob, withdrawnDataJob],
  overdueHooks: { correction_feedback: correctionOverdue },
  subjects: { correction: describeCorrections },
};
