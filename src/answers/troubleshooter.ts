/**
 * The core of one question or one card action, without any Bot Framework type or card: it
 * returns an Answer (src/answers) that src/cards renders and from which the audit event is derived.
 * The Teams handler (src/bot), the CLI and the tests drive this same class.
 */
import type { Logger } from 'pino';
import { LRUCache } from 'lru-cache';
import type { Config } from '../config';
import type { Mention } from '../understanding/question';
import type { Language } from '../shared/types';
import type { PeopleDirectory } from '../directory/people';
import type { AccessPolicy, Action } from '../access/policy';
import type { SignInSource } from '../signins/signInLog';
import { thresholdsWith } from '../diagnosis/diagnose';
import type { Audience } from '../shared/types';
import { safely } from './safely';
import { audit } from '../shared/logger';
import type { TicketDesk } from '../tickets';
import type { ReadBudget } from '../signins/readBudget';
import { inReadLane } from '../graph/readLane';
import { Gatekeeper, refuse } from './access';
import { auditOf } from './audit';
import { InMemoryFollowUps, type FollowUpMemory } from './memory';
import { answerQuestion, nextOffsetOf, type QuestionDeps } from './answerQuestion';
import { asQuestion, parseResolvedQuery } from './resolvedQuery';
import { answerSignIns } from './signIns';
import { ticketWithInvestigation } from './tickets';
import { cardLanguage, pickedAttempt } from './verbs';
import type { Answer, Reply, Requester, ResolvedQuery, TicketWriter, Understanding } from './types';
import type { IncidentService } from '../incidents/service';
import type { ConversationAddress } from '../incidents/subscriptions';
import { answerIncidentAction, INCIDENT_VERBS, withKnownProblem } from './incidents';
import { answerFixClick, fixDeps, isFixVerb, type ClickAuth } from './fixes';

export type { Requester, Understanding, Reply, Answer } from './types';

export interface TroubleshooterDeps {
  config: Config;
  understanding: Understanding;
  people: PeopleDirectory;
  access: AccessPolicy;
  signIns: SignInSource;
  tickets: TicketDesk | null;
  /** Draws a ticket's content (src/cards/ticketContent.ts). */
  ticketContent: TicketWriter;
  logger: Logger;
  now?: () => Date;
  memory?: FollowUpMemory;
  /** Each person's share of by-id sign-in reads (ticket clicks); none: unbounded. */
  readBudget?: ReadBudget;
  /** Incident alerts, subscriptions and known problems (src/incidents); none when the live index is off. */
  incidents?: IncidentService | null;
  /** Sends an answer into a conversation by itself (a reader's personal chat, from an alert card in a channel); none: not possible. */
  sendPrivately?: ((address: ConversationAddress, reply: Reply) => Promise<void>) | null;
  fixes?: Parameters<typeof fixDeps>[0] | null;
}

/** Card verbs that re-run a resolved question carried by the button. */
const QUERY_VERBS = new Set(['choosePerson', 'retry', 'showMore', 'details']);

export class Troubleshooter {
  private readonly deps: QuestionDeps;
  private readonly gate: Gatekeeper;

  constructor(private readonly options: TroubleshooterDeps) {
    this.gate = new Gatekeeper(options.access);
    this.deps = {
      config: options.config,
      signIns: options.signIns,
      thresholds: thresholdsWith(options.config.patternThresholds),
      now: options.now ?? (() => new Date()),
      understanding: options.understanding,
      people: options.people,
      gate: this.gate,
      memory: options.memory ?? new InMemoryFollowUps(),
      fixes: options.fixes ? fixDeps(options.fixes, this.gate, options) : undefined,
      incidents: options.incidents,
      diagnoses:
        options.config.graph.signInCacheSeconds > 0
          ? new LRUCache({ max: 500, ttl: options.config.graph.signInCacheSeconds * 1000 })
          : undefined,
    };
  }

  /** The language an answer to this message will be in. */
  languageOf(requester: Requester, text: string): Language {
    return this.options.understanding.detectLanguage(text, requester.locale);
  }

  /** Whether the asker reads helpdesk wording (a sign-in reader) or their own; never throws. */
  async audienceOf(requester: Requester): Promise<Audience> {
    if (!requester.userId || requester.tenantId?.toLowerCase() !== this.options.config.graph.tenantId.toLowerCase())
      return 'user';
    return (await this.gate.isReader(requester).catch(() => false)) ? 'helpdesk' : 'user';
  }

  /** The greeting when someone installs the bot: what they may ask, for their audience. */
  async welcome(requester: Requester): Promise<Reply> {
    const language = this.languageOf(requester, '');
    const answer = await this.safely(
      async () =>
        (await this.gate.gate(requester)) ?? {
          kind: 'help',
          reader: await this.gate.isReader(requester),
          examples: this.options.understanding.examples(language),
        },
    );
    return this.finish(answer, requester, language, 'question', 'welcome');
  }

  /** One typed question. */
  async ask(requester: Requester, text: string, mentions: Mention[] = []): Promise<Reply> {
    let intent = 'unknown';
    // The parsed question's language; guessed from the text only when the answer comes before a parse.
    let replyLanguage: Language | null = null;
    // The complete answer of a first one from the live index (twoStep.ts), with its errors handled from the start.
    const step: { complete?: Promise<Answer> } = {};
    const later = (answer: Promise<Answer>) => void (step.complete = this.safely(() => answer));
    // The gate and the text's own checks first: only a question worth answering looks up whether
    // the asker is a reader (the lane of its Graph reads).
    const answer = await this.safely(async (): Promise<Answer> => {
      const turnedAway = await this.gate.gate(requester);
      if (turnedAway) return turnedAway;
      const cleaned = this.options.understanding.clean(text ?? '');
      if (!cleaned.ok) {
        return cleaned.reason === 'too-long'
          ? { kind: 'too-long', max: this.options.understanding.maxLength }
          : {
              kind: 'unknown',
              examples: this.options.understanding.examples(this.languageOf(requester, text ?? '')),
              reason: 'empty',
            };
      }
      return this.inLane(requester, async (): Promise<Answer> => {
        const previous = await this.deps.memory.recall(requester.conversationKey);
        const question = this.options.understanding.parse(cleaned.text, {
          now: this.deps.now(),
          timeZone: requester.timeZone,
          locale: requester.locale,
          mentions,
          previous: previous?.question,
        });
        intent = question.intent;
        replyLanguage = question.language;
        if (requester.conversationType === 'personal') void this.options.incidents?.rememberPersonalChat(requester);
        return withKnownProblem(
          await answerQuestion({ ...this.deps, later }, requester, question, cleaned.text, mentions, previous),
          requester,
          this.options.incidents,
        );
      });
    });
    const language = replyLanguage ?? this.languageOf(requester, text ?? '');
    const reply = await this.finish(answer, requester, language, 'question', intent);
    if (!step.complete) return reply;
    return {
      ...reply,
      later: step.complete.then((full) =>
        this.finish(withKnownProblem(full, requester, this.options.incidents), requester, language, 'question', intent),
      ),
    };
  }

  /** A card button (Action.Execute). Card data is untrusted: everything is re-authorized and re-read. */
  async act(requester: Requester, verb: string, data: Record<string, unknown>, auth?: ClickAuth): Promise<Reply> {
    const language: Language = cardLanguage(data) ?? this.languageOf(requester, '');
    const answer = await this.safely(async (): Promise<Answer> => {
      const turnedAway = await this.gate.gate(requester);
      if (turnedAway) return turnedAway;
      return this.inLane(requester, async (): Promise<Answer> => {
        if (verb === 'openTicket') return this.ticket(requester, data, language);
        if (isFixVerb(verb) && this.deps.fixes) return answerFixClick(this.deps.fixes, requester, verb, data, auth);
        if (INCIDENT_VERBS.has(verb) && this.options.incidents)
          return answerIncidentAction(
            {
              service: this.options.incidents,
              gate: this.gate,
              ticketContent: this.options.ticketContent,
              sendPrivately: this.options.sendPrivately ?? null,
            },
            requester,
            verb,
            data,
            language,
          );
        if (!QUERY_VERBS.has(verb))
          return { kind: 'unknown', examples: this.options.understanding.examples(language), reason: 'unknown-verb' };
        const remembered = await this.deps.memory.recall(requester.conversationKey);
        const priorRefusal = remembered?.refused ?? false;
        // The button carries the resolved question (ids only); it is checked and authorized anew.
        // Only a forged or damaged button fails the check: the same refusal as any question about others.
        const query = parseResolvedQuery(data);
        if (!query)
          return priorRefusal && verb === 'showMore' ? { kind: 'refused', reason: 'refused-before' } : refuse();
        const refusal = await this.gate.authorize(requester, verb as Action, query.userId, priorRefusal);
        if (refusal) return refusal;
        const name = remembered && remembered.subjectId === query.userId ? remembered.subjectName : null;
        const detailsOf = verb === 'details' ? pickedAttempt(data) : undefined;
        const answer = await answerSignIns(this.deps, requester, query, name, detailsOf);
        await this.deps.memory.remember(requester.conversationKey, {
          question: asQuestion(query, language),
          subjectId: query.userId,
          subjectName: name,
          nextOffset: nextOffsetOf(answer),
        });
        return answer;
      });
    });
    // A click refused for its rate is worded as a click, not as a question.
    const worded: Answer =
      answer.kind === 'refused' && answer.reason === 'rate-limited' ? { ...answer, onClick: true } : answer;
    return this.finish(worded, requester, language, 'action', verb);
  }

  /** The ticket, and the investigation it came from (re-read and re-authorized) so that the card keeps it. */
  private ticket(requester: Requester, data: Record<string, unknown>, language: Language): Promise<Answer> {
    const deps = {
      signIns: this.options.signIns,
      tickets: this.options.tickets,
      ticketContent: this.options.ticketContent,
      logger: this.options.logger,
      readBudget: this.options.readBudget,
      incidentOf: (userId: string) => this.options.incidents?.monitor.openIncidentOf(userId)?.id,
    };
    return ticketWithInvestigation(deps, requester, this.gate, data, language, (q) => this.investigate(requester, q));
  }

  /** The question a card's button carries, answered anew if the asker may still see it (null otherwise). */
  private async investigate(requester: Requester, query: ResolvedQuery): Promise<Answer | null> {
    if (await this.gate.authorize(requester, 'showMore', query.userId)) return null;
    const known = await this.deps.memory.recall(requester.conversationKey);
    return answerSignIns(this.deps, requester, query, known?.subjectId === query.userId ? known.subjectName : null);
  }

  /**
   * Runs a turn's work in its Graph read lane: a sign-in reader's reads first, anyone else's
   * bounded (src/graph/limiter.ts), so that non-readers' questions cannot delay the helpdesk's.
   */
  private async inLane(requester: Requester, work: () => Promise<Answer>): Promise<Answer> {
    const reader = (await this.audienceOf(requester)) === 'helpdesk';
    return inReadLane({ priority: reader ? 'question' : 'limited', person: requester.userId ?? '' }, work);
  }

  /** Unexpected failures become a problem answer; the detail goes to the log only. */
  private safely(work: () => Promise<Answer>): Promise<Answer> {
    return safely(this.options.logger, work);
  }

  private async finish(
    answer: Answer,
    requester: Requester,
    language: Language,
    event: 'question' | 'action',
    intent: string,
  ): Promise<Reply> {
    audit(this.options.logger, auditOf(answer, { event, requester, intent }));
    const about = answer.kind === 'ticket-opened' ? answer.summary : answer;
    const audience: Audience =
      about?.kind === 'summary' || about?.kind === 'count' || about?.kind === 'intrusion'
        ? about.subject.kind === 'self'
          ? 'user'
          : 'helpdesk'
        : about?.kind === 'tenant'
          ? 'helpdesk'
          : answer.kind === 'help'
            ? answer.reader
              ? 'helpdesk'
              : 'user'
            : // Only these are worded per audience; the rest need no reader lookup.
              answer.kind === 'explain-code' || answer.kind === 'ticket-failed' || answer.kind === 'problem'
              ? await this.audienceOf(requester)
              : 'user';
    return { answer, language, audience, timeZone: requester.timeZone };
  }
}
