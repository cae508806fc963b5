import type {
  ComplianceReviewInput,
  CoordinationDecisionInput,
  CoordinationRequestInput,
  CreateShareRequestInput,
  DedicatedGrantInput,
  DesignateAgentInput,
  DestructionInput,
  EscalateInput,
  Page,
  ResubmitShareRequestInput,
  ShareAgentDto,
  ShareEntryDto,
  ShareEntryQuery,
  ShareGrantDto,
  ShareGrantQuery,
  ShareMessageDto,
  ShareReplyInput,
  ShareRequestDetail,
  ShareRequestQuery,
  ShareRequestStatus,
  ShareRequestSummary,
  WithdrawInput,
} from '@govdata/domain';
import { http } from '../../api/http';

type Q = Record<string, string | number | boolean | undefined>;
export interface Transitioned {
  id: number;
  status: ShareRequestStatus;
  dueAt: string | null;
}

/** `overdue` travels as the query-string text the API parses */
export const listShareRequests = (q: Partial<Omit<ShareRequestQuery, 'overdue'>> & { overdue?: 'true' | 'false' }) => http.get<Page<ShareRequestSummary>>('/share-requests', q as Q);
export const getShareRequest = (id: number) => http.get<ShareRequestDetail>(`/share-requests/${id}`);
export const createShareRequest = (input: CreateShareRequestInput) => http.post<Transitioned>('/share-requests', input);
export const requestCoordination = (input: CoordinationRequestInput) => http.post<Transitioned>('/share-requests/coordination', input);
export const complianceReview = (id: number, input: ComplianceReviewInput) => http.post<Transitioned>(`/share-requests/${id}/compliance-review`, input);
export const replyShareRequest = (id: number, input: ShareReplyInput) => http.post<Transitioned>(`/share-requests/${id}/reply`, input);
export const resubmitShareRequest = (id: number, input: ResubmitShareRequestInput) => http.post<Transitioned>(`/share-requests/${id}/resubmit`, input);
export const withdrawShareRequest = (id: number, input: WithdrawInput) => http.post<Transitioned>(`/share-requests/${id}/withdraw`, input);
export const listShareMessages = (id: number) => http.get<ShareMessageDto[]>(`/share-requests/${id}/messages`);
export const postShareMessage = (id: number, body: string) => http.post<ShareMessageDto>(`/share-requests/${id}/messages`, { body });
export const escalateShareRequest = (id: number, input: EscalateInput) => http.post<Transitioned>(`/share-requests/${id}/coordination`, input);
export const decideCoordination = (id: number, input: CoordinationDecisionInput) => http.post<Transitioned>(`/share-requests/${id}/coordination-decision`, input);

export const listShareEntries = (q: Partial<ShareEntryQuery>) => http.get<Page<ShareEntryDto>>('/share-entries', q as Q);
export const getShareEntry = (id: number) => http.get<ShareEntryDto>(`/share-entries/${id}`);

export const listShareGrants = (q: Partial<ShareGrantQuery>) => http.get<Page<ShareGrantDto>>('/share-grants', q as Q);
export const openDedicatedGrant = (input: DedicatedGrantInput) => http.post<ShareGrantDto>('/share-grants/dedicated', input);
export const revokeShareGrant = (id: number, reason: string) => http.post<ShareGrantDto>(`/share-grants/${id}/revoke`, { reason });
export const renewShareGrant = (id: number, validUntil?: string) => http.post<ShareGrantDto>(`/share-grants/${id}/renew`, validUntil ? { validUntil } : {});
export const declareDestruction = (id: number, input: DestructionInput) => http.post<ShareGrantDto>(`/share-grants/${id}/destruction`, input);

export interface AgentCandidate {
  id: number;
  username: string;
  displayName: string;
  department: { id: number; code: string; name: string };
}
export const listShareAgents = (departmentId?: number) => http.get<ShareAgentDto[]>('/share-agents', { departmentId });
export const agentCandidates = (q?: string) => http.get<AgentCandidate[]>('/share-agents/candidates', { q });
export const designateAgent = (input: DesignateAgentInput) => http.post<ShareAgentDto[]>('/share-agents', input);
export const removeShareAgent = (id: number) => http.delete<void>(`/share-agents/${id}`);
