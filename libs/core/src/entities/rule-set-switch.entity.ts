import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { User } from './user.entity';

/**
 * The bureau's schedule of deadline rule sets (issue 12 §1): from `effectiveFrom` (a Shanghai date) on, new clocks
 * open under `ruleSetId`. Rows are never deleted; a switch not yet in effect may be cancelled.
 */
export const RuleSetSwitch = defineEntity({
  name: 'RuleSetSwitch',
  tableName: 'rule_set_switches',
  indexes: [{ properties: ['effectiveFrom'] }],
  properties: {
    id: p.integer().primary(),
    ruleSetId: p.string().length(40),
    ruleSetVersion: p.integer(),
    effectiveFrom: p.string().length(10),
    reason: p.text(),
    scheduledBy: () => p.manyToOne(User).ref(),
    scheduledAt: p.datetime(),
    cancelledBy: () => p.manyToOne(User).ref().nullable(),
    cancelledAt: p.datetime().nullable(),
  },
});
export type IRuleSetSwitch = InferEntity<typeof RuleSetSwitch>;
