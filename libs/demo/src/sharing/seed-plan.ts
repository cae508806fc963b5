import { completionState, computeDue, defaultValidUntil, REJECT_REASON_CATEGORIES, type DeadlineState, type GrantSource, type RejectReasonCategory, type ShareEvent, type ShareRequestStatus, type ShareStepKind, type ShareType } from '@govdata/domain';
import { shanghaiDate, type WorkCalendar } from '@govdata/workdays';
import type { Prng } from '../prng';
import * as T from './seed-texts';

/** Someone who acts in the demo: a user id and how the history names them. */
export interface Person {
  id: number;
  label: string;
  departmentId: number;
}

export interface SeedEntry {
  id: number;
  providerId: number;
  shareType: ShareType;
  version: number;
  itemIds: number[];
}

export interface PlannedStep {
  seq: number;
  kind: ShareStepKind;
  departmentId: number | null;
  startedAt: Date;
  dueAt: Date;
  dueDate: string;
  provisional: boolean;
  decidedAt: Date | null;
  decision: string | null;
  actor: Person | null;
  onBehalfOf: number | null;
  reasonCategory: string | null;
  reason: string | null;
  deadlineState: DeadlineState;
}

export interface PlannedEvent {
  event: ShareEvent;
  from: ShareRequestStatus | null;
  to: ShareRequestStatus;
  actor: Person;
  onBehalfOf: number | null;
  note: string | null;
  at: Date;
}

export interface PlannedGrant {
  source: GrantSource;
  itemIds: number[];
  conditions: string | null;
  grantedAt: Date;
  validUntil: string;
  status: 'active' | 'revoked' | 'destroyed';
  renewCount: number;
  renewedAt: Date | null;
  revokedAt: Date | null;
  revokedBy: Person | null;
  revokedBySide: 'provider' | 'bureau' | null;
  revokeReason: string | null;
  destroyedOn: string | null;
  destructionMethod: 'secure_delete' | 'overwrite' | 'media_destruction' | null;
  destructionDeclaredAt: Date | null;
  destructionDeclaredBy: string | null;
}

export interface PlannedRequest {
  origin: 'request' | 'not_shared';
  entry: SeedEntry;
  requester: Person;
  itemIds: number[];
  approvedItemIds: number[] | null;
  purpose: string;
  scenario: string;
  duty: string;
  status: ShareRequestStatus;
  conditions: string | null;
  rejectCategory: RejectReasonCategory | null;
  rejectReason: string | null;
  coordinationReason: string | null;
  submittedAt: Date;
  updatedAt: Date;
  decidedAt: Date | null;
  steps: PlannedStep[];
  events: PlannedEvent[];
  messages: { side: 'requester' | 'provider' | 'bureau'; author: Person; onBehalfOf: number | null; body: string; at: Date }[];
  grant: PlannedGrant | null;
}

export interface Cast {
  officerOf(departmentId: number): Person;
  reviewers: Person[];
  /** the agent acting for a provider, if one is designated (第十六条(一)) */
  agentFor(providerId: number): Person | null;
  /** providers that answer late more often: the assessment has something to show */
  slowProviders: Set<number>;
}

const DAY = 86_400_000;

/** Simulates the life of demo requests with realistic timing over the working-day calendar. */
export class RequestSimulator {
  constructor(
    private readonly cal: WorkCalendar,
    private readonly rng: Prng,
    private readonly now: Date,
    private readonly cast: Cast,
  ) {}

  /** An office-hours instant k working days after `from`; k = 0 is later the same day when there is time left. */
  after(from: Date, k: number): Date {
    const date = k > 0 ? this.cal.addWorkingDays(shanghaiDate(from), k) : shanghaiDate(from);
    const fromMinute = Math.floor(((from.getTime() + 8 * 3_600_000) % DAY) / 60_000);
    const start = k === 0 ? Math.max(fromMinute + 20, 510) : 510;
    const end = 1065;
    if (start >= end) return this.after(from, k + 1);
    const m = this.rng.int(start, end);
    return new Date(`${date}T${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:${String(this.rng.int(0, 59)).padStart(2, '0')}+08:00`);
  }

  /** A working-day office-hours instant on or after the given day. */
  workingInstant(day: Date): Date {
    let date = shanghaiDate(day);
    if (!this.cal.isWorkingDay(date)) date = this.cal.addWorkingDays(date, 1);
    return this.after(new Date(`${date}T00:00:00+08:00`), 0);
  }

  private openStep(p: PlannedRequest, kind: ShareStepKind, startedAt: Date): PlannedStep {
    const due = computeDue(this.cal, kind, startedAt);
    const step: PlannedStep = {
      seq: p.steps.length + 1,
      kind,
      departmentId: kind === 'provider_reply' ? p.entry.providerId : null,
      startedAt,
      dueAt: due.dueAt,
      dueDate: due.dueDate,
      provisional: due.provisional,
      decidedAt: null,
      decision: null,
      actor: null,
      onBehalfOf: null,
      reasonCategory: null,
      reason: null,
      deadlineState: 'open',
    };
    p.steps.push(step);
    return step;
  }

  private decide(step: PlannedStep, at: Date, decision: string, actor: Person, extra: Partial<PlannedStep> = {}): void {
    Object.assign(step, { decidedAt: at, decision, actor, ...extra });
    step.deadlineState = decision === 'cancelled' ? 'cancelled' : completionState(step.dueAt, at);
  }

  private move(p: PlannedRequest, event: ShareEvent, to: ShareRequestStatus, actor: Person, at: Date, note: string | null = null, onBehalfOf: number | null = null): void {
    p.events.push({ event, from: p.events.length ? p.status : null, to, actor, onBehalfOf, note, at });
    p.status = to;
    p.updatedAt = at;
    if (to === 'approved' || to === 'refused' || to === 'withdrawn') p.decidedAt = at;
  }

  private approve(p: PlannedRequest, at: Date, source: GrantSource, itemIds: number[], conditions: string | null): void {
    p.approvedItemIds = itemIds;
    p.conditions = conditions;
    p.grant = this.grantLife({ source, itemIds, conditions, grantedAt: at }, p.requester);
  }

  /** After the grant: most run on, some are renewed, a few revoked (第二十七条), a few declared destroyed. */
  grantLife(g: { source: GrantSource; itemIds: number[]; conditions: string | null; grantedAt: Date }, consumer: Person): PlannedGrant {
    const { rng, now } = this;
    const grant: PlannedGrant = { ...g, validUntil: defaultValidUntil(shanghaiDate(g.grantedAt)), status: 'active', renewCount: 0, renewedAt: null, revokedAt: null, revokedBy: null, revokedBySide: null, revokeReason: null, destroyedOn: null, destructionMethod: null, destructionDeclaredAt: null, destructionDeclaredBy: null };
    const renewAt = this.workingInstant(new Date(new Date(`${grant.validUntil}T00:00:00+08:00`).getTime() - rng.int(5, 30) * DAY));
    if (renewAt <= now && rng.chance(0.55)) Object.assign(grant, { renewCount: 1, renewedAt: renewAt, validUntil: defaultValidUntil(grant.validUntil) });
    const roll = rng.next();
    if (roll < 0.035) {
      const at = this.after(g.grantedAt, rng.int(15, 160));
      if (at <= now) {
        const byBureau = rng.chance(0.3);
        Object.assign(grant, { status: 'revoked', revokedAt: at, revokedBy: byBureau ? rng.pick(this.cast.reviewers) : null, revokedBySide: byBureau ? 'bureau' : 'provider', revokeReason: rng.pick(T.REVOKE_REASONS) });
        if (rng.chance(0.6)) this.destroy(grant, this.after(at, rng.int(2, 10)), consumer);
      }
    } else if (roll < 0.075) this.destroy(grant, this.after(g.grantedAt, rng.int(30, 220)), consumer);
    return grant;
  }

  private destroy(grant: PlannedGrant, at: Date, consumer: Person): void {
    if (at > this.now) return;
    Object.assign(grant, { status: 'destroyed', destroyedOn: shanghaiDate(new Date(at.getTime() - this.rng.int(0, 3) * DAY)), destructionMethod: this.rng.pick(['secure_delete', 'overwrite', 'media_destruction'] as const), destructionDeclaredAt: at, destructionDeclaredBy: consumer.label });
    if (grant.destroyedOn && grant.destroyedOn < shanghaiDate(grant.grantedAt)) grant.destroyedOn = shanghaiDate(at);
  }

  /** One request from submission as far as `now` lets it go. */
  request(entry: SeedEntry, requester: Person, submittedAt: Date): PlannedRequest {
    const { rng, now, cast } = this;
    const n = Math.min(entry.itemIds.length, rng.int(2, 8));
    const itemIds = rng.sample(entry.itemIds, n).sort((a, b) => a - b);
    const duty = rng.pick(T.DUTIES);
    const p: PlannedRequest = {
      origin: 'request', entry, requester, itemIds, approvedItemIds: null, purpose: `${duty}，需核验相关信息`, scenario: rng.pick(T.SCENARIOS), duty,
      status: 'submitted', conditions: null, rejectCategory: null, rejectReason: null, coordinationReason: null,
      submittedAt, updatedAt: submittedAt, decidedAt: null, steps: [], events: [], messages: [], grant: null,
    };
    const provider = cast.officerOf(entry.providerId);
    this.move(p, 'submit', 'submitted', requester, submittedAt);

    // 符合性审查: 2 working days, the bureau is nearly always in time
    let t = submittedAt;
    for (let round = 0; ; round++) {
      const review = this.openStep(p, 'compliance_review', t);
      const k = rng.chance(0.05) ? rng.int(3, 5) : rng.weighted([[0, 25], [1, 45], [2, 30]] as const);
      const at = this.after(t, k);
      // a few recent reviews are still lying in the queue past their due day
      if (at > now || (now.getTime() - t.getTime() < 12 * DAY && rng.chance(0.04))) return p;
      const reviewer = rng.pick(cast.reviewers);
      if (round < 2 && rng.chance(0.07)) {
        const reason = rng.pick(T.RETURN_REASONS);
        this.decide(review, at, 'return', reviewer, { reason });
        this.move(p, 'return', 'returned', reviewer, at, reason);
        const again = this.after(at, rng.int(1, 4));
        if (again > now) return p;
        if (rng.chance(0.75)) {
          this.move(p, 'resubmit', 'submitted', requester, again, '已按审查意见修改');
          t = again;
          continue;
        }
        if (rng.chance(0.5)) this.move(p, 'withdraw', 'withdrawn', requester, again, rng.pick(T.WITHDRAW_REASONS));
        return p;
      }
      this.decide(review, at, 'pass', reviewer);
      t = at;
      if (entry.shareType === 'unconditional') {
        this.move(p, 'pass_unconditional', 'approved', reviewer, at);
        this.approve(p, at, 'request', itemIds, null);
        return p;
      }
      this.move(p, 'pass_conditional', 'provider_review', reviewer, at);
      break;
    }

    // 提供部门答复: 5 working days; some providers are often late, some replies are still missing
    const reply = this.openStep(p, 'provider_reply', t);
    const late = cast.slowProviders.has(entry.providerId) ? 0.35 : 0.09;
    const k = rng.chance(late) ? rng.int(6, 14) : rng.weighted([[1, 20], [2, 25], [3, 20], [4, 15], [5, 20]] as const);
    const at = this.after(t, k);
    if (rng.chance(0.02)) {
      const w = this.after(t, rng.int(1, 3));
      if (w <= now) {
        this.decide(reply, w, 'cancelled', requester);
        this.move(p, 'withdraw', 'withdrawn', requester, w, rng.pick(T.WITHDRAW_REASONS));
        return p;
      }
    }
    // stragglers: recent requests a provider has not answered at all yet (the sweep records them, 第三十三条第（二）项)
    if (at > now || (now.getTime() - t.getTime() < 50 * DAY && rng.chance(cast.slowProviders.has(entry.providerId) ? 0.25 : 0.06))) return p;
    const agent = cast.agentFor(entry.providerId);
    const byAgent = agent !== null && rng.chance(0.45);
    const answerer = byAgent && agent ? agent : provider;
    const behalf = byAgent ? entry.providerId : null;
    const outcome = rng.weighted([['approve', 65], ['narrow', 17], ['reject', 18]] as const);
    if (outcome !== 'reject') {
      const narrowed = outcome === 'narrow' && itemIds.length > 1 ? itemIds.slice(0, Math.max(1, Math.ceil(itemIds.length / 2))) : itemIds;
      const conditions = outcome === 'narrow' ? rng.pick(T.CONDITIONS) : null;
      this.decide(reply, at, 'approve', answerer, { onBehalfOf: behalf, reason: conditions });
      this.move(p, 'approve', 'approved', answerer, at, conditions, behalf);
      this.approve(p, at, 'request', narrowed, conditions);
      return p;
    }
    const category = rng.pick(REJECT_REASON_CATEGORIES.filter((c) => c !== 'state_secret'));
    const reason = rng.pick(T.REJECT_REASONS[category]);
    this.decide(reply, at, 'reject', answerer, { onBehalfOf: behalf, reasonCategory: category, reason });
    this.move(p, 'reject', 'rejected', answerer, at, reason, behalf);
    p.rejectCategory = category;
    p.rejectReason = reason;
    this.negotiate(p, at, provider, answerer, behalf);
    return p;
  }

  /** 协商 then perhaps 协调 (第十五条(三)). */
  private negotiate(p: PlannedRequest, rejectedAt: Date, provider: Person, answerer: Person, behalf: number | null): void {
    const { rng, now } = this;
    if (!rng.chance(0.5)) return;
    let t = this.after(rejectedAt, rng.int(1, 3));
    if (t > now) return;
    p.messages.push({ side: 'requester', author: p.requester, onBehalfOf: null, body: rng.pick(T.REQUESTER_MESSAGES), at: t });
    this.move(p, 'open_negotiation', 'negotiating', p.requester, t, p.messages[0].body);
    for (let i = rng.int(1, 4); i > 0; i--) {
      const next = this.after(t, rng.int(0, 2));
      if (next > now) return;
      t = next;
      const providerSide = p.messages.length % 2 === 1;
      p.messages.push(providerSide ? { side: 'provider', author: answerer, onBehalfOf: behalf, body: rng.pick(T.PROVIDER_MESSAGES), at: t } : { side: 'requester', author: p.requester, onBehalfOf: null, body: rng.pick(T.REQUESTER_MESSAGES), at: t });
    }
    const next = rng.weighted([['approve', 40], ['escalate', 35], ['stall', 25]] as const);
    const at = this.after(t, rng.int(1, 3));
    if (next === 'stall' || at > now) return;
    if (next === 'approve') {
      const conditions = rng.pick(T.CONDITIONS);
      this.move(p, 'approve', 'approved', answerer, at, conditions, behalf);
      this.approve(p, at, 'request', p.itemIds, conditions);
      return;
    }
    const reason = rng.pick(T.ESCALATION_REASONS);
    const who = rng.chance(0.7) ? p.requester : provider;
    p.coordinationReason = reason;
    this.move(p, 'escalate', 'coordinating', who, at, reason);
    this.coordinate(p, at, 0.55);
  }

  /** The bureau's final decision, unless still pending. */
  private coordinate(p: PlannedRequest, since: Date, approveRate: number): void {
    const { rng, now, cast } = this;
    const at = this.after(since, rng.int(2, 10));
    // coordination takes meetings: recent ones are often still open
    if (at > now || (now.getTime() - since.getTime() < 40 * DAY && rng.chance(0.5))) return;
    const bureau = rng.pick(cast.reviewers);
    if (rng.chance(approveRate)) {
      const reason = rng.pick(T.COORDINATION_APPROVALS);
      const items = p.itemIds.slice(0, Math.max(1, p.itemIds.length - rng.int(0, 2)));
      this.move(p, 'coordinate_approve', 'approved', bureau, at, reason);
      this.approve(p, at, 'coordination', items, rng.pick(T.CONDITIONS));
    } else this.move(p, 'coordinate_refuse', 'refused', bureau, at, rng.pick(T.COORDINATION_REFUSALS));
  }

  /** A coordination request for a 不予共享 resource (第十五条(三)). */
  notShared(entry: SeedEntry, requester: Person, submittedAt: Date): PlannedRequest {
    const { rng } = this;
    const itemIds = rng.sample(entry.itemIds, Math.min(entry.itemIds.length, rng.int(1, 3))).sort((a, b) => a - b);
    const duty = rng.pick(T.DUTIES);
    const reason = rng.pick(T.NOT_SHARED_REASONS);
    const p: PlannedRequest = {
      origin: 'not_shared', entry, requester, itemIds, approvedItemIds: null, purpose: `${duty}，需核验相关信息`, scenario: rng.pick(T.SCENARIOS), duty,
      status: 'coordinating', conditions: null, rejectCategory: null, rejectReason: null, coordinationReason: reason,
      submittedAt, updatedAt: submittedAt, decidedAt: null, steps: [], events: [], messages: [], grant: null,
    };
    this.move(p, 'request_coordination', 'coordinating', requester, submittedAt, reason);
    this.coordinate(p, submittedAt, 0.3);
    return p;
  }
}
