import { loadWorkbench } from '@govdata/platform';
import { workbenchSchema } from '@govdata/domain';
import { route } from '../http/route';

/** The home page of everyone logged in: what waits for this person (issue 14, "A workbench, not a menu"). */
export const workbenchRoutes = [
  route({
    method: 'get',
    path: '/api/me/workbench',
    summary: '我的工作台：待我办理的事项（最早到期在前）、逾期与即将到期数、未读消息；管理局另含审查队列与任务状态，领导小组与管理局另含年度关键指标',
    description:
      '待办 = 正在计时、须由本人办理的期限：管理局的符合性审查（第十五条）；本部门的共享答复、目录更新、纠错、依申请开放与限期整改；授权代理方所代理资源的答复（第十六条(一)）。领导小组只读，无待办。',
    tags: ['工作台'],
    access: 'authenticated',
    response: workbenchSchema,
    handler: ({ em, actor, app, now }) => loadWorkbench(em, actor, { calendar: app.calendar.lenient, now }),
  }),
];
