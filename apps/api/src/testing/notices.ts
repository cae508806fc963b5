import { Department, User, Violation } from '@govdata/core';
import type { ViolationEvidence, ViolationStatus, ViolationType } from '@govdata/domain';
import type { TestApp } from './harness';

let serial = 0;

/**
 * Records a violation straight in the database, as the violations area (another engineer's) would after the bureau
 * confirmed it — the notices tests start from there.
 */
export async function recordViolation(
  t: TestApp,
  input: { department: string; type: ViolationType; status?: ViolationStatus; evidence?: Partial<ViolationEvidence>; detectedAt?: Date },
): Promise<number> {
  const em = t.db.fork();
  const dept = await em.findOneOrFail(Department, { $or: [{ name: input.department }, { shortName: input.department }] });
  const bureau = await em.findOneOrFail(User, { username: 'bureau' });
  const at = input.detectedAt ?? new Date(t.clock.now().getTime() - 3 * 86_400_000);
  const v = em.create(Violation, {
    type: input.type,
    department: dept,
    sourceKind: 'inspection',
    sourceId: `test-${process.pid}-${++serial}`,
    detectedAt: at,
    evidence: { summary: `测试违规事实 ${serial}`, observedAt: at.toISOString(), ...input.evidence },
    status: input.status ?? 'confirmed',
    manual: true,
    createdBy: bureau,
    decidedBy: bureau,
    decidedAt: at,
  });
  await em.flush();
  return v.id;
}

export async function departmentId(t: TestApp, name: string): Promise<number> {
  return (await t.db.fork().findOneOrFail(Department, { name })).id;
}
