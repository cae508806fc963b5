// The public API of @govdata/sharing: what other projects use (regenerated from their imports).
export { agentCandidates, designateAgent, listShareAgents, removeShareAgent } from './agents';
export { agentScopes, type ShareContext } from './common';
export { ShareAgent, ShareGrant } from './entities/share-grant.entity';
export { ShareMessage, ShareRequest, ShareRequestEvent, ShareRequestStep } from './entities/share-request.entity';
export { getShareEntry, listShareEntries } from './entries';
export { createDedicatedGrant, declareDestruction, getShareGrant, listShareGrants, renewShareGrant, revokeShareGrant } from './grants';
export { sharingModule } from './module';
export { decideCoordination, escalateShareRequest, listShareMessages, postShareMessage, requestCoordination } from './negotiation';
export { getShareRequest, listShareRequests } from './queries';
export { complianceReview, createShareRequest, replyToShareRequest, resubmitShareRequest, withdrawShareRequest, type CreatedShareRequest } from './requests';
