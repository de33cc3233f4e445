/**
 * The Bot Framework adapter as the server uses it: authentication is done (and answered) by the
 * HTTP route, which then hands over the authenticated activity; replies that would be posted to a
 * channel go only where `mayPostTo` allows (demo mode: this machine only).
 */
import {
  ActivityTypes,
  CloudAdapter,
  type Activity,
  type ConversationReference,
  type InvokeResponse,
  type ResourceResponse,
  type TurnContext,
} from 'botbuilder';
import type { AuthenticateRequestResult, BotFrameworkAuthentication, ClaimsIdentity } from 'botframework-connector';

export class RefusedServiceUrl extends Error {
  constructor() {
    super('Refused to post a reply to a serviceUrl that is not on this machine (demo mode).');
    this.name = 'RefusedServiceUrl';
  }
}

export class TroubleshooterAdapter extends CloudAdapter {
  constructor(
    readonly auth: BotFrameworkAuthentication,
    private readonly mayPostTo: (serviceUrl: string) => boolean = () => true,
  ) {
    super(auth);
  }

  /** Runs one turn for an already authenticated activity; the invoke or expectReplies answer, if any. */
  runAuthenticated(
    result: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(result, activity, logic);
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const kept = new Set<string>([ActivityTypes.InvokeResponse, 'delay', ActivityTypes.Trace]);
    for (const activity of activities) {
      if (kept.has(activity.type ?? '')) continue;
      if (!this.mayPostTo(activity.serviceUrl ?? context.activity.serviceUrl ?? '')) throw new RefusedServiceUrl();
    }
    return super.sendActivities(context, activities);
  }

  /**
   * Every proactive message (late answers, incident alerts and their updates, a reader's list of
   * affected people) starts here, with a conversation reference that was stored earlier: its
   * serviceUrl is checked at the moment of use, whatever was let in when it was stored.
   */
  async continueConversationAsync(
    botAppIdOrClaimsIdentity: string | ClaimsIdentity,
    reference: Partial<ConversationReference>,
    logicOrAudience: ((context: TurnContext) => Promise<void>) | string,
    maybeLogic?: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    if (!this.mayPostTo(reference.serviceUrl ?? '')) throw new RefusedServiceUrl();
    return super.continueConversationAsync(botAppIdOrClaimsIdentity, reference, logicOrAudience, maybeLogic);
  }
}
