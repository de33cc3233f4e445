/** The Teams-facing handler: activity in, card out. All decisions live in the Troubleshooter. */
import {
  ActivityTypes,
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type ConversationReference,
} from 'botbuilder';
import { renderAnswer, type Card } from '../cards/render';
import type { Reply, Troubleshooter } from '../answers/troubleshooter';
import { requesterOf, type ConversationTypeReader } from './requester';
import { removeRecipientMention, resolveMentions, type MemberResolver } from './mentions';
import { cardLanguage, readInvoke } from '../answers/verbs';
import type { Requester } from '../answers/types';
import type { Language } from '../shared/types';
import { cardActivity } from './cardActivity';
import { delegatedToken, loginRequest, preconditionFailed, tokenOwner, type SsoSettings } from './sso';
import type { ClickAuth, DelegatedToken } from '../answers/fixTypes';

/** "Ask me in a personal chat" with Teams' deep link to a chat with the bot; as it was without a bot id. */
function withPersonalChat(reply: Reply, botAppId: string | undefined): Reply {
  if (reply.answer.kind !== 'ask-privately' || !botAppId) return reply;
  const personalChatUrl = `https://teams.microsoft.com/l/chat/0/0?users=28:${botAppId}`;
  return { ...reply, answer: { ...reply.answer, personalChatUrl } };
}

/** Sends a card into a conversation after its turn has ended (a slow answer); resolves to its activity id when known. */
export type SendLater = (reference: Partial<ConversationReference>, card: Card) => Promise<string | void>;
/** Replaces a card the bot posted in a conversation (a first answer by its complete one). */
export type UpdateLater = (reference: Partial<ConversationReference>, activityId: string, card: Card) => Promise<void>;

export interface BotOptions {
  members: MemberResolver;
  defaultTimeZone: string;
  /** After this long the asker gets "still looking…" and the answer follows proactively. */
  turnBudgetMs: number;
  sendLater: SendLater;
  /** None: a complete answer is posted as a message of its own. */
  updateLater?: UpdateLater;
  onLateFailure?: (error: unknown) => void;
  /** Answer → card; defaults to the renderer itself (the app passes a CardCache's). */
  render?: (reply: Reply) => Card;
  /** How the conversation's type is read (the demo wiring knows the Playground's personal chat). */
  conversationType?: ConversationTypeReader;
  /** The bot's app id: "ask me in a personal chat" links to that chat (none in demo mode). */
  botAppId?: string;
  /** Teams SSO for helpdesk fixes (src/bot/sso.ts); none: fixes are off. */
  sso?: SsoSettings | null;
}

export class TroubleshooterBot extends TeamsActivityHandler {
  private readonly render: (reply: Reply) => Card;

  constructor(
    private readonly troubleshooter: Troubleshooter,
    private readonly options: BotOptions,
  ) {
    super();
    const render = options.render ?? renderAnswer;
    this.render = (reply) => render(withPersonalChat(reply, options.botAppId));
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    // A person who installs the bot in a personal chat is greeted with what they can ask.
    this.onMembersAdded(async (context, next) => {
      const activity = context.activity;
      const someoneElse = (activity.membersAdded ?? []).some((m) => m.id !== activity.recipient?.id);
      if (someoneElse && activity.conversation?.conversationType === 'personal') {
        await context.sendActivity(
          cardActivity(
            this.render(
              await this.troubleshooter.welcome(
                requesterOf(activity, this.options.defaultTimeZone, this.options.conversationType),
              ),
            ),
          ),
        );
      }
      await next();
    });
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    // A card's Action.Submit arrives as a message with a value and no text: nothing to answer.
    if (!activity.text && activity.value) return;
    // With expectReplies every activity reaches the client in one response, after the answer: a typing indicator would only travel along.
    if (activity.deliveryMode !== 'expectReplies') await context.sendActivity({ type: ActivityTypes.Typing });
    removeRecipientMention(activity);
    const mentions = await resolveMentions(context, this.options.members);
    const requester = requesterOf(activity, this.options.defaultTimeZone, this.options.conversationType);
    const asked = this.troubleshooter.ask(requester, activity.text ?? '', mentions);
    // A client that takes every reply in the HTTP response (expectReplies) can be sent nothing later
    // that is not posted on its own: it gets the complete answer within the turn budget, as any answer.
    const reply = activity.deliveryMode === 'expectReplies' ? asked.then((r) => r.later ?? r) : asked;
    const answer = reply.then(this.render);
    const { card, posted } = await this.withinBudget(
      context,
      answer,
      requester,
      this.troubleshooter.languageOf(requester, activity.text ?? ''),
    );
    const sent = await context.sendActivity(cardActivity(card));
    // A first answer (what the live index holds) is replaced by the complete one when it is ready: in
    // place when the card went out with an id of its own (in the reply, or posted after "still
    // looking"), else (in the same HTTP response) as the next message.
    const shown = posted ?? Promise.resolve(sent?.id);
    // Taken now: the turn's context is revoked when the turn ends.
    const reference = TurnContext.getConversationReference(activity);
    void reply.then((first) => first.later && this.followUp(reference, first.later, shown));
  }

  private async followUp(
    reference: Partial<ConversationReference>,
    later: Promise<Reply>,
    shown: Promise<string | void>,
  ): Promise<void> {
    try {
      const card = this.render(await later);
      const shownId = await shown.catch(() => undefined);
      if (shownId && this.options.updateLater) await this.options.updateLater(reference, shownId, card);
      else await this.options.sendLater(reference, card);
    } catch (error) {
      this.options.onLateFailure?.(error);
    }
  }

  /** A card click is answered within the turn budget like a message: "still looking" first when Graph is slow, the card later. */
  protected async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    // Action.Execute sends the card's inputs inside the data.
    const { verb, data } = readInvoke(invokeValue);
    const requester = requesterOf(context.activity, this.options.defaultTimeZone, this.options.conversationType);
    if (verb === 'fix' || verb === 'fixConfirm') return this.fixInvoke(context, invokeValue, requester, verb, data);
    const answer = this.troubleshooter.act(requester, verb, data).then(this.render);
    const { card } = await this.withinBudget(
      context,
      answer,
      requester,
      cardLanguage(data) ?? this.troubleshooter.languageOf(requester, ''),
    );
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card.content };
  }

  /**
   * A helpdesk fix click: answered in full within the turn (no "still looking": a pass must not be
   * posted later). The delegated token is asked for only when the fix calls Graph, after the access
   * policy allowed the click; without one the answer is 401 loginRequest, a failed exchange 412.
   */
  private async fixInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
    requester: Requester,
    verb: string,
    data: Record<string, unknown>,
  ): Promise<AdaptiveCardInvokeResponse> {
    const sso = this.options.sso;
    let token: Promise<DelegatedToken> | undefined;
    const auth: ClickAuth = {
      delegatedToken: () =>
        (token ??= sso ? delegatedToken(context, invokeValue, sso) : Promise.resolve({ ok: false, reason: 'failed' })),
    };
    const reply = await this.troubleshooter.act(requester, verb, data, auth);
    const answer = reply.answer;
    // Entra refused the person, or Graph the token: the next click exchanges afresh (a role just activated in PIM, a revoked token).
    if (
      answer.kind === 'fix' &&
      (answer.stage === 'forbidden' || (answer.stage === 'failed' && answer.problem === 'authentication'))
    )
      sso?.tokens?.clear(tokenOwner(context));
    if (answer.kind === 'fix' && answer.stage === 'sign-in' && sso)
      return answer.reason === 'absent' ? loginRequest(context, sso, reply.language) : preconditionFailed();
    // The card cache keeps sign-in answers only: a fix's card is this click's alone.
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: this.render(reply).content };
  }

  /**
   * The answer's card if it is ready within the turn budget; else "still looking", and the card is
   * posted to the conversation when it is ready.
   */
  private async withinBudget(
    context: TurnContext,
    answer: Promise<Card>,
    requester: Requester,
    language: Language,
  ): Promise<{ card: Card; posted?: Promise<string | void> }> {
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<'late'>((resolve) => {
      // The turn's connection keeps the process alive while it matters; a turn cut at shutdown must not.
      timer = setTimeout(() => resolve('late'), this.options.turnBudgetMs).unref();
    });
    const first = await Promise.race([answer, budget]);
    clearTimeout(timer);
    if (first !== 'late') return { card: first };
    const reference = TurnContext.getConversationReference(context.activity);
    const posted = answer.then((card) => this.options.sendLater(reference, card));
    posted.catch((error) => this.options.onLateFailure?.(error));
    const card = renderAnswer({
      answer: { kind: 'still-looking' },
      language,
      audience: 'user',
      timeZone: requester.timeZone,
    });
    return { card, posted };
  }
}
