/** The gateway's statuses and their labels (zod-free, so that pages that only show them do not load zod). */

/** 数据版本状态: uploaded (not yet served) → live (served) → superseded (readable 30 days after) */
export const DATASET_STATUSES = ['uploaded', 'live', 'superseded'] as const;
export type DatasetStatus = (typeof DATASET_STATUSES)[number];
export const DATASET_STATUS_LABELS: Record<DatasetStatus, string> = { uploaded: '已上传待发布', live: '现行版本', superseded: '已被替代' };

/** How long a superseded version stays readable for those who read it (natural days). */
export const SUPERSEDED_READABLE_DAYS = 30;

export const SYSTEM_STATUSES = ['active', 'disabled'] as const;
export type SystemStatus = (typeof SYSTEM_STATUSES)[number];
export const SYSTEM_STATUS_LABELS: Record<SystemStatus, string> = { active: '启用', disabled: '停用' };

export const CALL_STATUSES = ['ok', 'unauthorized', 'forbidden', 'not_found', 'bad_request', 'rate_limited', 'quota_exceeded', 'upstream_error', 'error'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];
export const CALL_STATUS_LABELS: Record<CallStatus, string> = {
  ok: '成功',
  unauthorized: '未认证',
  forbidden: '无授权',
  not_found: '不存在',
  bad_request: '请求有误',
  rate_limited: '超出频率',
  quota_exceeded: '超出日配额',
  upstream_error: '上游接口故障',
  error: '平台错误',
};
