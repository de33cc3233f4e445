/**
 * Who may see what: the one place that decides, for every message and every card verb, before
 * anything about anyone is looked up. Decisions are data; the caller words them.
 *
 * - Strangers (no Entra object id, or another tenant) get nothing, and nothing is looked up.
 * - Everyone may read their own sign-ins, in any conversation.
 * - Other people's sign-ins (one person, or everyone) only for sign-in readers, and only in a
 *   personal chat, where nobody else reads along. Only an explicit conversationType 'personal' is
 *   personal: a missing or unknown type counts as shared.
 * - A follow-up to a refused question ("show more", "the second one") is refused as well, whatever
 *   it names: it continues the refused question.
 * - Apps' and managed identities' own sign-ins: as other people's, readers in a personal chat only.
 * - Tickets: the sign-in is read within the asker's reach — anyone's for a reader in a personal
 *   chat, otherwise only their own — so a ticket card never shows someone else's sign-in where it
 *   may not be seen.
 * - Helpdesk fixes: a reader, in a personal chat (Entra then decides with the clicker's own rights).
 * - Incident alerts (counts only): readers subscribe a conversation and open an incident's ticket
 *   anywhere; the people an incident affects are shown to a reader in a personal chat only.
 * - Each person has a budget of messages and clicks per minute.
 */
import { LRUCache } from 'lru-cache';
import type { RateCounter } from '../state/rateCounter';
import type { ReaderDirectory } from './readers';

/** The asker as the channel tells it (never from the message text). */
export interface Asker {
  userId: string | undefined;
  tenantId: string | undefined;
  /** personal, groupChat or channel; anything else, or nothing, is treated as shared. */
  conversationType?: string;
}

/** A typed message, or a card verb. */
export type Action =
  | 'message'
  | 'openTicket'
  | 'showMore'
  | 'details'
  | 'choosePerson'
  | 'retry'
  | 'subscribe'
  | 'incidentPeople'
  | 'incidentTicket'
  /** A helpdesk fix (issue 21): the confirmation and the change. */
  | 'fix';

/** Whose sign-ins a message or click is about, as far as known before any lookup. */
export type Subject =
  /** Help, explain, welcome: no one's sign-ins. */
  | { kind: 'nobody' }
  /** Recognised as the asker without a lookup ("I", their own name, their own id or mention). */
  | { kind: 'self' }
  /** An object id (which may still be the asker's own). */
  | { kind: 'user'; userId: string }
  /** Someone named (a name, UPN or mention) and not looked up yet. `isAsker` compares the name with the asker's own directory entry only. */
  | { kind: 'named'; isAsker?: () => Promise<boolean> }
  /** Everyone in the tenant; `correlationId`: a pasted correlation id and nobody named. */
  | { kind: 'everyone'; correlationId?: boolean }
  /** A sign-in by id (openTicket): whose it is shows only once it is read. */
  | { kind: 'signIn' }
  /** An app or managed identity (its own sign-ins, no person's): like anyone else's data, readers in a personal chat only. */
  | { kind: 'workload' };

export interface AccessRequest {
  asker: Asker;
  action: Action;
  subject: Subject;
  /** The question this message or click continues was refused. */
  priorRefusal?: boolean;
}

/**
 * What may be read: nothing ('none'), only the asker's own sign-ins ('self'), or the subject as
 * asked — another person, everyone, or a sign-in by id whoever's it is ('others').
 */
export type Scope = 'none' | 'self' | 'others';

export type Refusal =
  'no-object-id' | 'other-tenant' | 'rate-limited' | 'not-a-reader' | 'shared-conversation' | 'refused-before';

export type AccessDecision =
  /** `narrowedBy`: the subject was wider, and the scope was narrowed to the asker's own sign-ins for this reason. */
  | { allow: true; scope: Scope; narrowedBy?: 'not-a-reader' | 'shared-conversation' }
  | { allow: false; reason: Refusal };

export interface AccessPolicyOptions {
  readers: ReaderDirectory;
  /** The tenant whose people may ask. */
  tenantId: string;
  /** Messages and clicks per person per minute. */
  rateLimitPerMinute: number;
  /** Where the turns are counted (the state store, for the whole deployment); default: this process. */
  counter?: RateCounter;
  now?: () => number;
}

/** Verbs that continue the previous question rather than carry a whole question of their own. */
const CONTINUATIONS: ReadonlySet<Action> = new Set<Action>(['message', 'showMore', 'details']);

export class AccessPolicy {
  private readonly counter: RateCounter;

  constructor(private readonly options: AccessPolicyOptions) {
    this.counter = options.counter ?? new ProcessRateCounter(options.now ?? Date.now);
  }

  /** The first check of every message and click: strangers, then the rate limit (this counts the turn). */
  async admit(asker: Asker): Promise<AccessDecision> {
    const stranger = this.stranger(asker);
    if (stranger) return { allow: false, reason: stranger };
    if ((await this.counter.hit(asker.userId!)) > this.options.rateLimitPerMinute)
      return { allow: false, reason: 'rate-limited' };
    return { allow: true, scope: 'none' };
  }

  /** May this asker, here, read the sign-ins this message or click is about? */
  async decide(request: AccessRequest): Promise<AccessDecision> {
    const { asker, subject } = request;
    const stranger = this.stranger(asker);
    if (stranger) return { allow: false, reason: stranger };
    if (request.priorRefusal && CONTINUATIONS.has(request.action)) return { allow: false, reason: 'refused-before' };
    // Incident alerts carry counts only: readers switch them on and open their ticket in any
    // conversation. Who is affected is other people's sign-ins: a reader, in a personal chat.
    if (request.action === 'subscribe' || request.action === 'incidentTicket')
      return (await this.isReader(asker)) ? { allow: true, scope: 'none' } : { allow: false, reason: 'not-a-reader' };
    if (request.action === 'incidentPeople') return this.others(asker);
    // A fix acts on someone's account with the clicker's own rights: a reader, in a personal chat,
    // whoever it is about (their own account too: nobody else reads along, and Entra decides the rest).
    if (request.action === 'fix') return this.others(asker);
    switch (subject.kind) {
      case 'nobody':
        return { allow: true, scope: 'none' };
      case 'self':
        return { allow: true, scope: 'self' };
      case 'user':
        if (sameId(subject.userId, asker.userId)) return { allow: true, scope: 'self' };
        return this.others(asker);
      case 'named': {
        const decision = await this.others(asker);
        // Their own UPN: compared with their own entry only, and only when it matters.
        if (!decision.allow && subject.isAsker && (await subject.isAsker())) return { allow: true, scope: 'self' };
        return decision;
      }
      case 'everyone': {
        const decision = await this.others(asker);
        // A non-reader's pasted correlation id is looked for among their own sign-ins only.
        if (!decision.allow && decision.reason === 'not-a-reader' && subject.correlationId)
          return { allow: true, scope: 'self', narrowedBy: 'not-a-reader' };
        return decision;
      }
      case 'workload':
        return this.others(asker);
      case 'signIn': {
        const decision = await this.others(asker);
        if (decision.allow) return decision;
        if (decision.reason === 'not-a-reader' || decision.reason === 'shared-conversation')
          return { allow: true, scope: 'self', narrowedBy: decision.reason };
        return decision;
      }
    }
  }

  /** Whether the asker is a sign-in reader (the audience of help and explanations). */
  async isReader(asker: Asker): Promise<boolean> {
    if (this.stranger(asker)) return false;
    return (await this.options.readers.readerDecision(asker.userId!)).reader;
  }

  /** Only an explicit personal chat is private. */
  static isPersonal(asker: Asker): boolean {
    return asker.conversationType === 'personal';
  }

  /** Other people's sign-ins: a reader, in a personal chat. */
  private async others(asker: Asker): Promise<AccessDecision> {
    if (!(await this.isReader(asker))) return { allow: false, reason: 'not-a-reader' };
    if (!AccessPolicy.isPersonal(asker)) return { allow: false, reason: 'shared-conversation' };
    return { allow: true, scope: 'others' };
  }

  private stranger(asker: Asker): 'no-object-id' | 'other-tenant' | null {
    if (!asker.userId) return 'no-object-id';
    if (!asker.tenantId || asker.tenantId.toLowerCase() !== this.options.tenantId.toLowerCase()) return 'other-tenant';
    return null;
  }
}

/** Turns per person in the last minute, counted in this process (unit tests, and the fallback). */
class ProcessRateCounter implements RateCounter {
  private readonly recent = new LRUCache<string, number[]>({ max: 50_000, ttl: 60_000 });

  constructor(private readonly now: () => number) {}

  hit(userId: string): Promise<number> {
    const now = this.now();
    const recent = (this.recent.get(userId) ?? []).filter((t) => now - t < 60_000);
    recent.push(now);
    this.recent.set(userId, recent);
    return Promise.resolve(recent.length);
  }
}

export function sameId(a: string | undefined | null, b: string | undefined | null): boolean {
  return Boolean(a) && Boolean(b) && a!.toLowerCase() === b!.toLowerCase();
}
