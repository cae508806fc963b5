import { cancelRuleSetSwitch, currentPeriods, ruleSetsOverview, scheduleRuleSet } from '@govdata/core';
import { idParamsSchema, scheduleRuleSetSchema } from '@govdata/domain';
import { route } from '../http/route';

const tags = ['办理时限规则'];

/** 办理时限规则 (issue 12 §1): the rule sets, which one is in force, and the bureau's scheduled switches. */
export const ruleSetRoutes = [
  route({
    method: 'get',
    path: '/api/rule-sets/current',
    summary: '现行办理时限（各类期限的天数文字与条款）',
    description: '登录页和公开页面引用的期限文字，均来自现行规则集。',
    tags,
    access: 'public',
    handler: ({ em, now }) => currentPeriods(em, now),
  }),
  route({
    method: 'get',
    path: '/api/rule-sets',
    summary: '办理时限规则：现行规则集、各规则集的期限与条件、切换安排与历史',
    tags,
    access: 'authenticated',
    handler: ({ em, now }) => ruleSetsOverview(em, now),
  }),
  route({
    method: 'post',
    path: '/api/rule-sets/switches',
    summary: '安排切换办理时限规则（平台管理员）',
    description: '自生效日期起新开始的期限按新规则计算；已在运行的期限保持开始时的规则，不会被改写。生效日期须晚于今日。',
    tags,
    access: ['bureau_admin'],
    body: scheduleRuleSetSchema,
    status: 201,
    handler: ({ em, actor, body, now }) => scheduleRuleSet(em, actor, body, now),
  }),
  route({
    method: 'post',
    path: '/api/rule-sets/switches/:id/cancel',
    summary: '撤销尚未生效的规则切换（平台管理员）',
    tags,
    access: ['bureau_admin'],
    params: idParamsSchema,
    handler: ({ em, actor, params, now }) => cancelRuleSetSwitch(em, actor, params.id, now),
  }),
];
