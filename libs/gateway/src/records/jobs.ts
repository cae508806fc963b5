import type { JobDefinition } from '@govdata/core';
import { sealCallDays } from './seal';
import { callSealKey } from './seal-key';

/** 调用记录日封存: every night after midnight (Shanghai), the finished days are sealed (idempotent). */
export const callSealJob: JobDefinition = {
  name: 'call-records-seal',
  title: '调用记录日封存（签名）',
  schedule: { pattern: '10 0 * * *' },
  async run({ em }) {
    // seals are security time: the real clock, never the business one
    const sealed = await sealCallDays(em, callSealKey(), new Date());
    return { scanned: sealed, sealed };
  },
};
