/**
 * The answer to one question or one card action, without any Bot Framework type:
 * understand → resolve → authorize → fetch → diagnose → render.
 * The Teams handler (src/bot) and the tests drive this same class.
 */
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { LRUCache } from 'lru-cache';
import type { Config } from './config';
import { FAILURE_CATEGORIES, type FailureCategory, type Language, type Mention, type ParseContext, type Question, type Subject } from './understanding/question';
import type { PeopleDirectory, Person } from './directory/people';
import type { AccessPolicy } from './directory/access';
import type { SignInPage, SignInSource } from './signins/signInLog';
import { diagnose, thresholdsWith, type Thresholds } from './diagnosis/diagnose';
import type { Audience } from './diagnosis/catalogTypes';
import { explain } from './diagnosis/catalog';
import {
  chooserCard, explainCodeCard, failureSummaryCard, helpCard, messageCard, serviceProblemCard, strings,
  ticketOpenedCard, unknownCard, type Card,
} from './cards/render';
import { fill } from './diagnosis/diagnose';
import { GraphProblem, toGraphProblem } from './graph/errors';
import { audit, type AuditEvent } from './logger';
import { localDateTime } from './time';
import type { TicketContent, TicketDesk } from './tickets';
import { ticketKey } from './tickets';

export interface Requester {
  /** Entra object id (activity.from.aadObjectId). */
  userId: string | undefined;
  tenantId: string | undefined;
  name?: string;
  locale?: string;
  timeZone: string;
  /** Where follow-ups are remembered: one conversation, one person. */
  conversationKey: string;
  /** personal, groupChat or channel: other people's sign-ins are shown only in a personal chat. */
  conversationType?: string;
}

export interface Understanding {
  parse(text: string, context: ParseContext): Question;
  clean(text: string): { ok: true; text: string } | { ok: false; reason: 'too-long' | 'empty' };
  examples(language: Language): string[];
  detectLanguage(text: string, locale: string | undefined): Language;
  maxLength: number;
}

export interface TroubleshooterDeps {
  config: Config;
  understanding: Understanding;
  people: PeopleDirectory;
  access: AccessPolicy;
  signIns: SignInSource;
  tickets: TicketDesk | null;
  logger: Logger;
  now?: () => Date;
}

/** What a follow-up needs from the previous turn. */
interface Remembered {
  question: Question;
  subjectId: string | null;
  subjectName: string | null;
  /** The question was refused (not a sign-in reader): follow-ups to it are refused too. */
  refused?: boolean;
  /** Where "show more" goes on. */
  nextOffset?: number;
}

/** A question whose subject is already an object id: what card actions carry (ids only). */
export interface ResolvedAsk {
  intent: 'failures' | 'signins';
  userId: string | null;
  from: string | null;
  to: string | null;
  app: string | null;
  errorCode: number | null;
  correlationId: string | null;
  /** Graph's signIn.id (a pasted screen's "Request Id"). */
  requestId?: string | null;
  category?: FailureCategory | null;
  offset?: number;
  /** At most this many attempts on the card. */
  limit?: number;
}

const DAY = 86_400_000;

export class Troubleshooter {
  private readonly memory = new LRUCache<string, Remembered>({ max: 10_000, ttl: 60 * 60_000 });
  private readonly rate = new LRUCache<string, number[]>({ max: 50_000, ttl: 60_000 });
  /** Rendered cards, kept as long as sign-in answers are (none when SIGNIN_CACHE_SECONDS is 0). */
  private readonly cards: LRUCache<string, Card> | null;
  private readonly thresholds: Thresholds;
  private readonly now: () => Date;

  constructor(private readonly deps: TroubleshooterDeps) {
    this.now = deps.now ?? (() => new Date());
    this.cards = deps.config.graph.signInCacheSeconds > 0 ? new LRUCache({ max: 500, ttl: deps.config.graph.signInCacheSeconds * 1000 }) : null;
    this.thresholds = thresholdsWith(deps.config.patternThresholds);
  }

  /** The language an answer to this message will be in. */
  languageOf(requester: Requester, text: string): Language {
    return this.deps.understanding.detectLanguage(text, requester.locale);
  }

  /** The greeting when someone installs the bot: what they may ask, for their audience. */
  async welcome(requester: Requester): Promise<Card> {
    const language = this.deps.understanding.detectLanguage('', requester.locale);
    const event: AuditEvent = { event: 'question', requester: requester.userId ?? 'unknown', subject: null, intent: 'welcome', from: null, to: null, decision: 'refused', records: 0 };
    try {
      const turnedAway = this.gate(requester, language, event);
      if (turnedAway) return turnedAway;
      event.decision = 'allowed';
      return helpCard(language, (await this.deps.access.readerDecision(requester.userId!)).reader, this.deps.understanding.examples(language));
    } catch (error) {
      return this.problemCard(error, language, event, null);
    } finally {
      audit(this.deps.logger, event);
    }
  }

  /** One typed question. */
  async ask(requester: Requester, text: string, mentions: Mention[] = []): Promise<Card> {
    const language = this.deps.understanding.detectLanguage(text ?? '', requester.locale);
    const s = strings(language);
    const event: AuditEvent = { event: 'question', requester: requester.userId ?? 'unknown', subject: null, intent: 'unknown', from: null, to: null, decision: 'refused', records: 0 };
    try {
      const turnedAway = this.gate(requester, language, event);
      if (turnedAway) return turnedAway;
      const cleaned = this.deps.understanding.clean(text ?? '');
      if (!cleaned.ok) {
        event.reason = cleaned.reason;
        return cleaned.reason === 'too-long'
          ? messageCard(language, s.tooLongTitle, [fill(s.tooLongText, { max: this.deps.understanding.maxLength })])
          : unknownCard(language, this.deps.understanding.examples(language));
      }
      const previous = this.memory.get(requester.conversationKey);
      const question = this.deps.understanding.parse(cleaned.text, {
        now: this.now(), timeZone: requester.timeZone, locale: requester.locale, mentions, previous: previous?.question,
      });
      event.intent = question.intent;
      return await this.answer(requester, question, mentions, previous, event);
    } catch (error) {
      return this.problemCard(error, language, event, null);
    } finally {
      audit(this.deps.logger, event);
    }
  }

  private async answer(requester: Requester, question: Question, mentions: Mention[], previous: Remembered | undefined, event: AuditEvent): Promise<Card> {
    const language = question.language;
    const reader = () => this.deps.access.readerDecision(requester.userId!);
    switch (question.intent) {
      case 'help': {
        event.decision = 'allowed';
        return helpCard(language, (await reader()).reader, this.deps.understanding.examples(language));
      }
      case 'unknown':
        event.decision = 'allowed';
        return unknownCard(language, this.deps.understanding.examples(language));
      case 'explain': {
        event.decision = 'allowed';
        if (question.errorCode === null) return unknownCard(language, this.deps.understanding.examples(language));
        return explainCodeCard(question.errorCode, language, (await reader()).reader ? 'helpdesk' : 'user');
      }
    }

    // Follow-ups ("show more", "details of the second one", "and the day before?") keep the
    // previous subject: its resolution is reused, and the asker is authorized again.
    let subject: Subject | null = question.subject;
    const followsUp = previous && (question.followUp !== undefined || subject === null || sameSubject(subject, previous.question.subject));
    if (previous && followsUp && (question.followUp !== undefined || !previous.refused)) {
      if (previous.refused) return this.refuse(language, event);
      const refusal = await this.authorize(requester, previous.subjectId, language, event);
      if (refusal) return refusal;
      const followUp = question.followUp;
      const ask: ResolvedAsk = {
        ...toResolved(question, previous.subjectId),
        offset: followUp?.kind === 'more' ? previous.nextOffset : followUp?.kind === 'details' ? followUp.index : undefined,
        limit: followUp?.kind === 'details' ? 1 : undefined,
      };
      const card = await this.run(requester, ask, language, event, previous.subjectName);
      this.memory.set(requester.conversationKey, { ...previous, question, nextOffset: card.nextOffset ?? previous.nextOffset });
      return card;
    }
    if (subject === null) subject = { kind: 'self' };

    const target = await this.resolveSubject(requester, subject, mentions, language, event, question);
    if ('card' in target) {
      // Remember a refused question so that "and the day before?" or "show more" after it are
      // refused as well, instead of silently answering the previous (allowed) question.
      if (event.reason === 'not-a-reader') this.memory.set(requester.conversationKey, { question, subjectId: null, subjectName: null, refused: true });
      return target.card;
    }
    const card = await this.run(requester, toResolved(question, target.userId), language, event, target.name);
    this.memory.set(requester.conversationKey, { question, subjectId: target.userId, subjectName: target.name, nextOffset: card.nextOffset });
    return card;
  }

  /**
   * May the asker see this person's sign-ins (null: everyone's) here? Their own always; anyone
   * else's only as a sign-in reader, and only in a personal chat, where nobody else reads along.
   * Returns the refusal card, or null when allowed.
   */
  private async authorize(requester: Requester, userId: string | null, language: Language, event: AuditEvent): Promise<Card | null> {
    if (userId !== null && sameId(userId, requester.userId)) return null;
    if (!(await this.deps.access.readerDecision(requester.userId!)).reader) return this.refuse(language, event);
    return this.notHere(requester, language, event);
  }

  /** Others' sign-ins are not shown where other people read along (channels, group chats). */
  private notHere(requester: Requester, language: Language, event: AuditEvent): Card | null {
    if (!requester.conversationType || requester.conversationType === 'personal') return null;
    event.reason = 'shared-conversation';
    const s = strings(language);
    return messageCard(language, s.askPrivatelyTitle, [s.askPrivatelyText]);
  }

  /** The one refusal for questions about others: the same words whoever was asked about. */
  private refuse(language: Language, event: AuditEvent): Card {
    event.reason = 'not-a-reader';
    const s = strings(language);
    return messageCard(language, s.notAllowedTitle, [s.notAllowedText]);
  }

  /**
   * Turns the subject into an object id. Authorization happens here, before any lookup: a person
   * who is not a sign-in reader gets the same refusal for every other subject, and no directory or
   * sign-in request is made on their behalf.
   */
  private async resolveSubject(requester: Requester, subject: Subject, mentions: Mention[], language: Language, event: AuditEvent, question: Question): Promise<{ userId: string | null; name: string | null } | { card: Card }> {
    const self = { userId: requester.userId!, name: null };
    const s = strings(language);
    // An id names one attempt: a reader's pasted screen (a colleague's, often) is looked up whoever's it is.
    if (subject.kind === 'self' && (question.requestId || question.correlationId) && (!requester.conversationType || requester.conversationType === 'personal') &&
      (await this.deps.access.readerDecision(requester.userId!)).reader) return { userId: null, name: null };
    if (subject.kind === 'self') return self;
    if (subject.kind === 'objectId' && sameId(subject.value, requester.userId)) return self;
    if (subject.kind === 'mention' && sameId(mentions[subject.index]?.aadObjectId, requester.userId)) return self;
    if (subject.kind === 'person' && requester.name && normalizeName(subject.text) === normalizeName(requester.name)) return self;

    const decision = await this.deps.access.readerDecision(requester.userId!);
    if (!decision.reader) {
      // Their own UPN: compared with their own directory entry (a lookup of themselves only, so
      // nothing is learned about the person named, who is never looked up).
      if (subject.kind === 'upn' && (await this.isOwnUpn(requester.userId!, subject.value))) return self;
      // A pasted correlation id with nobody named: look for it among the asker's own sign-ins only.
      if (subject.kind === 'anyone' && (question.correlationId || question.requestId)) return self;
      return { card: this.refuse(language, event) };
    }
    const here = this.notHere(requester, language, event);
    if (here) return { card: here };
    switch (subject.kind) {
      case 'anyone':
        event.subject = 'anyone';
        return { userId: null, name: null };
      case 'objectId':
        return { userId: subject.value, name: null };
      case 'mention': {
        const mention = mentions[subject.index];
        if (!mention?.aadObjectId) return { card: messageCard(language, s.notFoundTitle, [fill(s.notFoundText, { name: mention?.name ?? '?' })]) };
        return { userId: mention.aadObjectId, name: mention.name };
      }
      case 'upn': {
        const person = await this.deps.people.get(subject.value);
        if (!person) return { card: messageCard(language, s.notFoundTitle, [fill(s.notFoundText, { name: subject.value })]) };
        return { userId: person.id, name: person.displayName };
      }
      case 'person': {
        const found = await this.deps.people.search(subject.text);
        const exact = found.filter((p) => normalizeName(p.displayName) === normalizeName(subject.text));
        const pick: Person[] = exact.length === 1 ? exact : found;
        if (pick.length === 0) return { card: messageCard(language, s.notFoundTitle, [fill(s.notFoundText, { name: subject.text })]) };
        if (pick.length > 1) {
          event.decision = 'allowed';
          event.reason = 'ambiguous';
          const pending = toResolved(question, null);
          return { card: chooserCard(language, subject.text, pick, { ...pending, language }) };
        }
        return { userId: pick[0].id, name: pick[0].displayName };
      }
    }
  }

  private async isOwnUpn(userId: string, upn: string): Promise<boolean> {
    const me = await this.deps.people.get(userId);
    const wanted = upn.toLowerCase();
    return Boolean(me) && [me!.userPrincipalName, me!.mail].some((v) => typeof v === 'string' && v.toLowerCase() === wanted);
  }

  /** Fetches, diagnoses and renders a question whose subject is resolved and authorized. */
  private async run(requester: Requester, ask: ResolvedAsk, language: Language, event: AuditEvent, subjectName: string | null): Promise<Card> {
    // No person means everyone: callers only get here with userId null after a reader check.
    const tenantWide = ask.userId === null;
    const config = this.deps.config;
    const now = this.now();
    const defaulted = ask.from === null;
    const asked = { from: ask.from ? new Date(ask.from) : new Date(now.getTime() - config.defaultWindowDays * DAY), to: ask.to ? new Date(ask.to) : now };
    const oldest = new Date(now.getTime() - config.logRetentionDays * DAY);
    const clamped = asked.from < oldest;
    const window = { from: clamped ? oldest : asked.from, to: asked.to > now ? now : asked.to };
    if (window.to <= window.from) {
      // Entirely before the log's retention (or an empty range): nothing to ask Graph.
      event.decision = 'allowed';
      event.reason = 'before-retention';
      const s = strings(language);
      return messageCard(language, s.beforeRetentionTitle, [fill(s.beforeRetentionText, { days: config.logRetentionDays, from: localDateTime(oldest, requester.timeZone, language) })]);
    }
    const isSelf = ask.userId !== null && sameId(ask.userId, requester.userId);
    event.subject = tenantWide ? 'anyone' : isSelf ? 'self' : ask.userId;
    event.from = window.from.toISOString();
    event.to = window.to.toISOString();
    event.intent = ask.intent;
    event.decision = 'allowed';

    let page: SignInPage;
    try {
      page = await this.deps.signIns.find({
        userId: tenantWide ? undefined : ask.userId ?? undefined,
        from: window.from, to: window.to, app: ask.app, errorCode: ask.errorCode, correlationId: ask.correlationId,
        requestId: ask.requestId, category: ask.category,
      });
    } catch (error) {
      // The problem card offers "Try again" with the resolved question (ids only), re-authorized when clicked.
      return this.problemCard(error, language, event, { ...ask, language });
    }
    event.records = page.records.length;
    event.graphRequests = page.requests;
    const audience: Audience = isSelf ? 'user' : 'helpdesk';
    const name = isSelf ? strings(language).you : subjectName ?? page.records[0]?.userDisplayName ?? ask.userId ?? '?';

    // The same question about the same records (a busy helpdesk hour) reuses the rendered card.
    const cardKey = this.cards && createHash('sha256').update(JSON.stringify([
      page.records.map((r) => r.id), page.truncated, ask, language, audience, requester.timeZone, name,
      defaulted, clamped, Math.floor(window.from.getTime() / 60_000), Math.floor(window.to.getTime() / 60_000),
    ])).digest('base64');
    const cached = cardKey ? this.cards!.get(cardKey) : undefined;
    if (cached) return cached;
    const diagnosis = diagnose(page.records, {
      language, audience, timeZone: requester.timeZone, subjectName: name, self: isSelf, tenantWide,
      window, retentionDays: config.logRetentionDays, clampedFrom: clamped ? oldest : undefined, truncated: page.truncated,
      thresholds: this.thresholds, intent: ask.intent,
    });
    const card = failureSummaryCard({
      diagnosis, language, audience, timeZone: requester.timeZone, subjectName: isSelf ? null : name, tenantWide, window,
      defaultWindowDays: defaulted ? config.defaultWindowDays : null, offset: ask.offset, maxRows: ask.limit, intent: ask.intent,
      showMoreData: { ...ask, offset: undefined, limit: undefined, language },
    });
    if (cardKey) this.cards!.set(cardKey, card);
    return card;
  }

  /** A card button (Action.Execute). Card data is untrusted: everything is re-authorized and re-read. */
  async act(requester: Requester, verb: string, data: Record<string, unknown>, inputs: Record<string, unknown> = {}): Promise<Card> {
    const language = data.language === 'nl' || data.language === 'en' ? data.language : this.deps.understanding.detectLanguage('', requester.locale);
    const s = strings(language);
    const event: AuditEvent = { event: 'action', requester: requester.userId ?? 'unknown', subject: null, intent: verb, from: null, to: null, decision: 'refused', records: 0 };
    try {
      const turnedAway = this.gate(requester, language, event);
      if (turnedAway) return turnedAway;
      if (verb === 'openTicket') return await this.openTicket(requester, data, inputs, language, event);
      if (verb === 'choosePerson' || verb === 'retry' || verb === 'showMore') {
        if (verb === 'showMore' && this.memory.get(requester.conversationKey)?.refused) return this.refuse(language, event);
        // The button carries the resolved question (ids only); it is checked and authorized anew.
        const ask = parseResolvedAsk(data);
        if (!ask) {
          // Only a forged or damaged button gets here: the same refusal as any question about others.
          return this.refuse(language, event);
        }
        const refusal = await this.authorize(requester, ask.userId, language, event);
        if (refusal) return refusal;
        const remembered = this.memory.get(requester.conversationKey);
        const name = remembered && remembered.subjectId === ask.userId ? remembered.subjectName : null;
        const card = await this.run(requester, ask, language, event, name);
        this.memory.set(requester.conversationKey, { question: asQuestion(ask, language), subjectId: ask.userId, subjectName: name, nextOffset: card.nextOffset });
        return card;
      }
      event.reason = 'unknown-verb';
      return unknownCard(language, this.deps.understanding.examples(language));
    } catch (error) {
      return this.problemCard(error, language, event, verb === 'openTicket' ? null : data);
    } finally {
      audit(this.deps.logger, event);
    }
  }

  private async openTicket(requester: Requester, data: Record<string, unknown>, inputs: Record<string, unknown>, language: Language, event: AuditEvent): Promise<Card> {
    const s = strings(language);
    const signInId = typeof data.signInId === 'string' ? data.signInId : '';
    if (!/^[0-9a-zA-Z-]{1,64}$/.test(signInId)) {
      event.reason = 'bad-action-data';
      return messageCard(language, s.ticketFailedTitle, [s.ticketSignInGoneText]);
    }
    const reader = (await this.deps.access.readerDecision(requester.userId!)).reader;
    // A non-reader's read is scoped to their own sign-ins on the server side: a forged id of
    // someone else's sign-in simply finds nothing.
    const record = reader ? await this.deps.signIns.byId(signInId) : await this.deps.signIns.ownById(signInId, requester.userId!);
    if (!record) {
      event.reason = reader ? 'sign-in-not-found' : 'not-own-sign-in';
      return reader ? messageCard(language, s.ticketFailedTitle, [s.ticketSignInGoneText]) : messageCard(language, s.notAllowedTitle, [s.notAllowedText]);
    }
    event.subject = sameId(record.userId ?? '', requester.userId) ? 'self' : record.userId ?? null;
    event.decision = 'allowed';
    event.records = 1;
    if (!this.deps.tickets) return messageCard(language, s.ticketNotConfiguredTitle, [s.ticketNotConfiguredText]);
    const commentField = typeof data.commentId === 'string' ? data.commentId : 'comment';
    const comment = typeof inputs[commentField] === 'string' ? (inputs[commentField] as string).slice(0, 1000).trim() : '';
    // The ticket is read by the helpdesk: it carries their explanation and steps, whoever clicked.
    const content = ticketContent(requester, record, language, 'helpdesk', comment || null);
    try {
      const ticket = await this.deps.tickets.open(ticketKey(record.id ?? signInId, requester.userId!), content);
      return ticketOpenedCard(language, ticket, record, requester.timeZone);
    } catch (error) {
      event.decision = 'error';
      event.reason = 'ticket-sink-failed';
      const reason = error instanceof Error ? error.message : String(error);
      // "Try again" carries the comment, so that nothing the person wrote is lost.
      const retry = { signInId, userId: record.userId ?? '', commentId: commentField, [commentField]: comment };
      return messageCard(language, s.ticketFailedTitle, [fill(s.ticketFailedText, { reason })], [], [{ title: s.retry, verb: 'openTicket', data: retry }]);
    }
  }

  /** Every message and click passes here first: strangers (no object id, another tenant) and people over their rate limit stop here. */
  private gate(requester: Requester, language: Language, event: AuditEvent): Card | null {
    const s = strings(language);
    if (!requester.userId || !requester.tenantId || requester.tenantId.toLowerCase() !== this.deps.config.graph.tenantId.toLowerCase()) {
      event.reason = !requester.userId ? 'no-object-id' : 'other-tenant';
      return messageCard(language, s.refusedTitle, [s.refusedText]);
    }
    if (this.overRateLimit(requester.userId)) {
      event.reason = 'rate-limited';
      return messageCard(language, s.rateLimitedTitle, [s.rateLimitedText]);
    }
    return null;
  }

  private overRateLimit(userId: string): boolean {
    const now = Date.now();
    const recent = (this.rate.get(userId) ?? []).filter((t) => now - t < 60_000);
    recent.push(now);
    this.rate.set(userId, recent);
    return recent.length > this.deps.config.access.rateLimitPerMinute;
  }

  private problemCard(error: unknown, language: Language, event: AuditEvent, retry: Record<string, unknown> | null): Card {
    const problem = toGraphProblem(error);
    event.decision = 'error';
    event.reason = problem.kind;
    if (!(error instanceof GraphProblem) && !(typeof error === 'object' && error && 'statusCode' in error)) {
      this.deps.logger.error({ err: { message: (error as Error)?.message, stack: (error as Error)?.stack } }, 'unexpected error while answering');
    }
    return serviceProblemCard(language, problem.kind, retry, problem.retryAfterSeconds);
  }
}

function toResolved(question: Question, userId: string | null): ResolvedAsk {
  return {
    // Counting needs every outcome: until counts have their own answer, a count lists all sign-ins.
    intent: question.intent === 'signins' || question.intent === 'count' ? 'signins' : 'failures',
    userId,
    from: question.from ? question.from.toISOString() : null,
    to: question.to ? question.to.toISOString() : null,
    app: question.app, errorCode: question.errorCode, correlationId: question.correlationId,
    requestId: question.requestId, category: question.category,
  };
}

/** Card data back into a query, validating every field (it came from the client). */
export function parseResolvedAsk(data: Record<string, unknown>): ResolvedAsk | null {
  const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
  const GUIDISH = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12,13}$/;
  const date = (v: unknown) => (typeof v === 'string' && ISO.test(v) ? new Date(v).toISOString() : null);
  const intent = data.intent === 'signins' ? 'signins' : 'failures';
  const code = typeof data.errorCode === 'number' && Number.isSafeInteger(data.errorCode) && data.errorCode >= 0 ? data.errorCode : null;
  const userId = typeof data.userId === 'string' && /^[0-9a-zA-Z-]{1,64}$/.test(data.userId) ? data.userId : null;
  if (data.userId !== null && data.userId !== undefined && userId === null) return null;
  const app = typeof data.app === 'string' && /^[\p{L}\p{N} .&()_-]{1,80}$/u.test(data.app) ? data.app : null;
  if (data.app !== null && data.app !== undefined && app === null) return null;
  const correlationId = typeof data.correlationId === 'string' && GUIDISH.test(data.correlationId) ? data.correlationId.toLowerCase() : null;
  if (data.correlationId !== null && data.correlationId !== undefined && correlationId === null) return null;
  const requestId = typeof data.requestId === 'string' && GUIDISH.test(data.requestId) ? data.requestId.toLowerCase() : null;
  if (data.requestId !== null && data.requestId !== undefined && requestId === null) return null;
  const category = (FAILURE_CATEGORIES as readonly unknown[]).includes(data.category) ? (data.category as FailureCategory) : null;
  if (data.category !== null && data.category !== undefined && category === null) return null;
  const from = date(data.from);
  const to = date(data.to);
  const given = (v: unknown) => v !== null && v !== undefined;
  if ((given(data.from) && !from) || (given(data.to) && !to) || (from && to && from >= to)) return null;
  const offset = Number(data.offset);
  return {
    intent, userId, from, to, app, errorCode: code, correlationId, requestId, category,
    offset: Number.isInteger(offset) && offset >= 0 && offset < 100_000 ? offset : undefined,
  };
}

/** A resolved question as the Question follow-ups build on (its subject is an object id, or everyone). */
function asQuestion(ask: ResolvedAsk, language: Language): Question {
  return {
    intent: ask.intent, subject: ask.userId === null ? { kind: 'anyone' } : { kind: 'objectId', value: ask.userId },
    from: ask.from ? new Date(ask.from) : null, to: ask.to ? new Date(ask.to) : null,
    app: ask.app, errorCode: ask.errorCode, correlationId: ask.correlationId, requestId: ask.requestId ?? null,
    category: ask.category ?? null, language,
  };
}

function ticketContent(requester: Requester, record: SignIn, language: Language, audience: Audience, comment: string | null): TicketContent {
  const code = record.status?.errorCode ?? 0;
  const e = explain(code, language, audience, record.status?.failureReason);
  const at = new Date(record.createdDateTime as string);
  return {
    requester: { id: requester.userId!, name: requester.name ?? requester.userId! },
    subject: { id: record.userId ?? '', name: record.userDisplayName ?? '', upn: record.userPrincipalName ?? '' },
    occurredAtUtc: at.toISOString(),
    occurredAtLocal: `${localDateTime(at, requester.timeZone, language)} (${requester.timeZone})`,
    app: record.appDisplayName ?? '', resource: record.resourceDisplayName ?? null,
    errorCode: code, failureReason: record.status?.failureReason ?? '',
    title: e.title, explanation: e.explanation, steps: e.steps,
    requestId: record.id ?? '', correlationId: record.correlationId ?? '',
    ipAddress: record.ipAddress ?? null,
    location: [record.location?.city, record.location?.countryOrRegion].filter(Boolean).join(', ') || null,
    device: [record.deviceDetail?.displayName, record.deviceDetail?.operatingSystem, record.deviceDetail?.browser].filter(Boolean).join(', ') || null,
    clientApp: record.clientAppUsed ?? null,
    conditionalAccess: (record.appliedConditionalAccessPolicies ?? []).map((p) => ({ name: p.displayName ?? p.id ?? '', result: p.result ?? '', controls: p.enforcedGrantControls ?? [] })),
    lookupUrl: e.lookupUrl,
    comment,
  };
}

/** Whether a question names the same subject as the previous one ("what about megan" after "megan"). */
function sameSubject(a: Subject, b: Subject | null): boolean {
  if (!b || a.kind !== b.kind) return false;
  if (a.kind === 'person' && b.kind === 'person') return normalizeName(a.text) === normalizeName(b.text);
  return JSON.stringify(a) === JSON.stringify(b);
}

function sameId(a: string | undefined | null, b: string | undefined | null): boolean {
  return Boolean(a) && Boolean(b) && a!.toLowerCase() === b!.toLowerCase();
}

function normalizeName(name: string): string {
  return name.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}
