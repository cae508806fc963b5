// The public API of @govdata/lifecycle.
export { Correction, type ICorrection } from './entities/correction.entity';
export { Retirement, type IRetirement } from './entities/retirement.entity';
export { lifecycleModule } from './module';
export {
  answerCorrection,
  contestCorrection,
  contestPublicCorrection,
  CORRECTION_SUBJECT,
  correctingEntries,
  decideContest,
  exportCorrections,
  getCorrection,
  listCorrections,
  listPublicCorrections,
  reportCorrection,
  reporterOf,
  usesEntry,
  type LifecycleContext,
  type Reporter,
} from './corrections';
export {
  approveRetirement,
  CORRECTION_HEADER,
  entryLifecycle,
  lifecycleHeaders,
  listRetirements,
  proposeRetirement,
  retirementJob,
  returnRetirement,
  runRetirements,
  withdrawRetirement,
} from './retirements';
// 上级数据 (第十八条): its own module, listed in the platform's modules
export * from './upper';
// 高频数据共享库 (第十八条)
export { HighFrequencyMember, type IHighFrequencyMember } from './entities/high-frequency-member.entity';
export * from './high-frequency';
// 未经下线程序停止提供数据 (第十九条 → 第三十三条第（五）项)
export { detectWithdrawnData, loadWithdrawnData, withdrawnDataJob } from './withdrawn';
// 纠错佐证材料 (第十七条)
export { CorrectionAttachment, type ICorrectionAttachment } from './entities/correction-attachment.entity';
export { listCorrectionAttachments, readCorrectionAttachment, uploadCorrectionAttachment } from './correction-attachments';
