import { z } from 'zod';
import { shanghaiDate } from '@govdata/workdays';
import { CORRECTION_STATUSES, RETIREMENT_STATUSES } from './labels';

/** The ids and labels of corrections and retirements are in labels.ts, apart from zod, so that pages that only show labels do not load it. */
export * from './labels';

/** 纠错编号: JCFK-2026-000012 (year of receipt, id). */
export const correctionCode = (id: number, receivedAt: Date): string => `JCFK-${shanghaiDate(receivedAt).slice(0, 4)}-${String(id).padStart(6, '0')}`;

export const correctionStatusSchema = z.enum(CORRECTION_STATUSES, { message: '状态应为 open、answered、contested 或 decided' });
export const retirementStatusSchema = z.enum(RETIREMENT_STATUSES, { message: '状态应为 proposed、approved、returned、withdrawn 或 retired' });
