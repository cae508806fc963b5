import { bureauYears, saveCalendarYear } from '@govdata/core';
import { assertValidYearSchedule, calendarSaveResultSchema, calendarYearParamsSchema, calendarYearView, calendarYearViewSchema, yearScheduleInputSchema } from '@govdata/domain';
import { route } from '../http/route';

export const calendarRoutes = [
  route({
    method: 'get',
    path: '/api/calendar/:year',
    summary: '某年工作日历（法定节假日与调休）',
    description: '内置国务院办公厅通知 2015–2026 年；平台管理员录入的年份覆盖或补充内置数据；未发布的年份按周一至周五推定（provisional）。',
    tags: ['工作日历'],
    access: 'authenticated',
    params: calendarYearParamsSchema,
    response: calendarYearViewSchema,
    handler: async ({ em, app, params }) => calendarYearView(app.calendar.lenient, params.year, await bureauYears(em)),
  }),
  route({
    method: 'put',
    path: '/api/calendar/:year',
    summary: '录入或修改某年节假日安排',
    description: '按国务院办公厅通知录入放假日期与调休上班日期并注明文号。保存后重新计算所有推定（provisional）期限。',
    tags: ['工作日历'],
    access: ['bureau_admin'],
    params: calendarYearParamsSchema,
    body: yearScheduleInputSchema,
    response: calendarSaveResultSchema,
    async handler({ em, app, actor, params, body, now }) {
      const schedule = assertValidYearSchedule(params.year, body);
      const recomputed = await saveCalendarYear(em, app.calendar, actor, schedule, now);
      return {
        ...calendarYearView(app.calendar.lenient, params.year, await bureauYears(em)),
        recomputedDeadlines: recomputed.changed,
        reopenedDeadlines: recomputed.reopened,
        dismissedCandidates: recomputed.dismissed,
      };
    },
  }),
];
