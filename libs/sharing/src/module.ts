import type { AreaModule } from '@govdata/core';
import { ShareAgent, ShareGrant } from './entities/share-grant.entity';
import { ShareMessage, ShareRequest, ShareRequestEvent, ShareRequestStep } from './entities/share-request.entity';
import { providerReplyOverdue } from './overdue';
import { describeShareSteps } from './subjects';

/** 共享 (第四章): share requests, their steps and negotiation, grants and review agents. */
export const sharingModule: AreaModule = {
  name: 'sharing',
  entities: [ShareRequest, ShareRequestStep, ShareRequestEvent, ShareMessage, ShareGrant, ShareAgent],
  overdueHooks: { provider_reply: providerReplyOverdue },
  subjects: { share_request_step: describeShareSteps },
};
