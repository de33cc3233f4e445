/**
 * The Bot Framework adapter as the server uses it: authentication is done (and answered) by the
 * HTTP route, which then hands over the authenticated activity; replies that would be posted to a
 * channel go only where `mayPostTo` allows (demo mode: this machine only).
 */
import { TokenServiceAuthentication, type TokenServiceAddress } from './tokenService';
import {
  ActivityTypes,
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type Activity,
  type ConversationReference,
  type InvokeResponse,
  type ResourceResponse,
  type TurnContext,
} from 'botbuilder';
import {
  AuthenticationConstants,
  type AuthenticateRequestResult,
  type BotFrameworkAuthentication,
  type ClaimsIdentity,
} from 'botframework-connector';
import type { Logger } from 'pino';
import type { Card } from '../shared/types';
import { cardActivity } from './cardActivity';
import { installSigningKeyStores } from './signingKeys';
import { CONNECTOR_TIMEOUT_MS, ConnectorTimeout, withConnectorTimeout } from './connectorTimeout';

/** Set in a turn whose connector did not answer in time: its later replies are not tried. */
const CONNECTOR_GONE = Symbol('connectorGone');

export class RefusedServiceUrl extends Error {
  constructor() {
    super('Refused to post a reply to a serviceUrl that is not on this machine (demo mode).');
    this.name = 'RefusedServiceUrl';
  }
}

export interface ConnectorLimits {
  /** Time limit of every connector call (src/bot/connectorTimeout.ts); default CONNECTOR_TIMEOUT_MS. */
  timeoutMs?: number;
  /** A turn ended because the connector did not answer its reply in time. */
  onTimeout?: (error: ConnectorTimeout, context: TurnContext) => void;
}

export class TroubleshooterAdapter extends CloudAdapter {
  /** The authentication, handing out connector clients with a time limit (the server checks tokens with it). */
  readonly auth: BotFrameworkAuthentication;
  private readonly onConnectorTimeout: (error: ConnectorTimeout, context: TurnContext) => void;

  constructor(
    auth: BotFrameworkAuthentication,
    private readonly mayPostTo: (serviceUrl: string) => boolean = () => true,
    connector: ConnectorLimits = {},
  ) {
    const limited = withConnectorTimeout(auth, connector.timeoutMs ?? CONNECTOR_TIMEOUT_MS);
    super(limited);
    this.auth = limited;
    this.onConnectorTimeout = connector.onTimeout ?? (() => undefined);
  }

  /**
   * Runs one turn for an already authenticated activity; the invoke or expectReplies answer, if any.
   * A turn whose reply the connector did not take in time ends there, said once in the log: there is
   * no one to tell, and an error card would wait for the same connector.
   */
  runAuthenticated(
    result: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(result, activity, async (context) => {
      try {
        await logic(context);
      } catch (error) {
        if (!(error instanceof ConnectorTimeout)) throw error;
        this.onConnectorTimeout(error, context);
      }
    });
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const kept = new Set<string>([ActivityTypes.InvokeResponse, 'delay', ActivityTypes.Trace]);
    for (const activity of activities) {
      if (kept.has(activity.type ?? '')) continue;
      if (!this.mayPostTo(activity.serviceUrl ?? context.activity.serviceUrl ?? '')) throw new RefusedServiceUrl();
    }
    // One time limit per turn: a connector that did not answer one reply is not waited for again.
    const gone = context.turnState.get<ConnectorTimeout | undefined>(CONNECTOR_GONE);
    if (gone) throw gone;
    try {
      return await super.sendActivities(context, activities);
    } catch (error) {
      if (error instanceof ConnectorTimeout) context.turnState.set(CONNECTOR_GONE, error);
      throw error;
    }
  }

  /**
   * Every proactive message (late answers, incident alerts and their updates, a reader's list of
   * affected people) starts here, with a conversation reference that was stored earlier: its
   * serviceUrl is checked at the moment of use, whatever was let in when it was stored. A failure
   * in it (the connector refused, or did not answer in time) goes to the caller, which decides what
   * it means — not to onTurnError, which would log it as a crash, send an error card to the same
   * conversation and report the message as sent.
   */
  async continueConversationAsync(
    botAppIdOrClaimsIdentity: string | ClaimsIdentity,
    reference: Partial<ConversationReference>,
    logicOrAudience: ((context: TurnContext) => Promise<void>) | string,
    maybeLogic?: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    if (!this.mayPostTo(reference.serviceUrl ?? '')) throw new RefusedServiceUrl();
    const logic = typeof logicOrAudience === 'function' ? logicOrAudience : maybeLogic;
    let failure: { error: unknown } | null = null;
    const caught = async (context: TurnContext) => {
      try {
        await logic?.(context);
      } catch (error) {
        failure = { error };
      }
    };
    if (typeof logicOrAudience === 'function')
      await super.continueConversationAsync(botAppIdOrClaimsIdentity, reference, caught);
    else await super.continueConversationAsync(botAppIdOrClaimsIdentity, reference, logicOrAudience, caught);
    if (failure) throw (failure as { error: unknown }).error;
  }
}

export interface AdapterOptions {
  /** The Bot Framework's settings of the wiring; empty accepts unauthenticated (local) traffic. */
  botAuthentication: ConfigurationBotFrameworkAuthenticationOptions;
  /** Where replies may be posted (the wiring's replyUrlAllowed). */
  replyUrlAllowed?: (serviceUrl: string) => boolean;
  /** Outside demo mode, tests read the token signing keys from here instead of the Bot Framework's public documents. */
  botOpenIdMetadataUrl?: string;
  logger: Logger;
  /** The card that says a turn failed, in the asker's language and words. */
  turnErrorCard: (context: TurnContext) => Promise<Card>;
  /** The Bot Framework Token Service when it is not Microsoft's (the demo tenant's imitation, src/bot/tokenService.ts): helpdesk fixes' SSO exchange. */
  tokenService?: TokenServiceAddress;
  /** Time limit of every connector call (default CONNECTOR_TIMEOUT_MS, src/bot/connectorTimeout.ts). */
  connectorTimeoutMs?: number;
}

/** The adapter with its authentication (signing keys cached as signingKeys.ts installs them) and its reply to a failed turn. */
export function createAdapter(options: AdapterOptions): TroubleshooterAdapter {
  installSigningKeyStores();
  const metadataUrl = options.botOpenIdMetadataUrl;
  const auth = new ConfigurationBotFrameworkAuthentication({
    ...options.botAuthentication,
    // Setting any one URL makes botframework-connector expect all of them: the public cloud's, keys read elsewhere.
    ...(metadataUrl
      ? {
          ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
          ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
          ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
          OAuthUrl: AuthenticationConstants.OAuthUrl,
          CallerId: CallerIdConstants.PublicAzureChannel,
          ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
          ToBotFromEmulatorOpenIdMetadataUrl: metadataUrl,
        }
      : {}),
  });
  // Every connector call (replies, proactive posts and updates) has a time limit.
  const adapter = new TroubleshooterAdapter(
    options.tokenService ? new TokenServiceAuthentication(auth, options.botAuthentication, options.tokenService) : auth,
    options.replyUrlAllowed,
    {
      timeoutMs: options.connectorTimeoutMs,
      onTimeout: (error) =>
        options.logger.warn({ connector: { timeoutMs: error.timeoutMs } }, 'the connector did not answer in time'),
    },
  );
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    options.logger.error({ err: { message: error.message, stack: error.stack } }, 'unhandled error in a turn');
    try {
      await context.sendActivity(cardActivity(await options.turnErrorCard(context)));
    } catch {
      /* the channel may be gone; the error is logged */
    }
  };
  return adapter;
}
