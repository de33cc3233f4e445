/**
 * Teams single sign-on for a fix click (Adaptive Cards Universal Actions, Action.Execute), as
 * Microsoft documents it ("Add code to enable SSO for your Adaptive Cards Universal Actions",
 * learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/sso-adaptive-cards-universal-action):
 *
 * - the invoke carries no `value.authentication`: answer HTTP 401 with a `loginRequest` (an OAuth
 *   card with a `tokenExchangeResource`); Teams gets an SSO token silently and sends the same
 *   action again with `value.authentication.token`;
 * - that SSO token is exchanged through the Bot Framework Token Service (botframework-connector's
 *   UserTokenClient.exchangeToken, the Azure Bot's OAuth connection) for a delegated Graph token;
 * - a failed exchange is answered 412 `application/vnd.microsoft.error.preconditionFailed`.
 *
 * In demo mode only, `silentSso` stands in for the Teams client's silent SSO (the Agents
 * Playground has none): it fetches the clicking demo person's SSO token from the demo tenant.
 */
import { randomUUID } from 'node:crypto';
import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import type { UserTokenClient } from 'botframework-connector';
import type { DelegatedToken } from '../answers/fixTypes';
import type { Language } from '../shared/types';
import { wording } from '../cards/render';
import { DelegatedTokenCache } from './delegatedTokenCache';

export interface SsoSettings {
  /** The Azure Bot's OAuth connection (Microsoft Entra ID v2 with token exchange). */
  connectionName: string;
  /** The bot's Application ID URI: the SSO token's audience (manifest webApplicationInfo.resource). */
  resourceUri: string | null;
  /** Demo mode only: the clicking person's SSO token, as the Teams client would get it silently. */
  silentSso?: (aadObjectId: string) => Promise<string | null>;
  /** Exchanged tokens kept in memory until shortly before they expire (delegatedTokenCache.ts); none: every click exchanges. */
  tokens?: DelegatedTokenCache;
}

/** The configured OAuth connection, the demo's stand-in for silent SSO, and a token cache on this clock. */
export function ssoSettings(
  fixes: Pick<SsoSettings, 'connectionName' | 'resourceUri'>,
  silentSso: SsoSettings['silentSso'],
  clock?: () => number,
): SsoSettings {
  return { ...fixes, silentSso, tokens: new DelegatedTokenCache(clock) };
}

/** Whose tokens these are: the clicker's Entra object id (the channel's id when it has none). */
export function tokenOwner(context: TurnContext): string {
  return context.activity.from?.aadObjectId ?? context.activity.from.id;
}

/** The Token Service client CloudAdapter made for this turn (from the Bot Framework authentication's OAuth URL). */
function userTokenClient(context: TurnContext): UserTokenClient | undefined {
  const key = (context.adapter as { UserTokenClientKey?: symbol }).UserTokenClientKey;
  return key ? context.turnState.get<UserTokenClient | undefined>(key) : undefined;
}

/** The SSO token Teams sent with the action, or the demo's stand-in's; null when there is none. */
async function ssoTokenOf(context: TurnContext, invokeValue: unknown, settings: SsoSettings): Promise<string | null> {
  const authentication = (invokeValue as { authentication?: { token?: unknown } } | null)?.authentication;
  if (typeof authentication?.token === 'string' && authentication.token.length > 0) return authentication.token;
  const oid = context.activity.from?.aadObjectId;
  if (!settings.silentSso || !oid) return null;
  return settings.silentSso(oid).catch(() => null);
}

/** The clicker's delegated Graph token: the one kept from an earlier click, else exchanged from their SSO token by the Token Service. */
export async function delegatedToken(
  context: TurnContext,
  invokeValue: unknown,
  settings: SsoSettings,
): Promise<DelegatedToken> {
  const kept = settings.tokens?.get(tokenOwner(context), settings.connectionName);
  if (kept) return { ok: true, token: kept };
  const sso = await ssoTokenOf(context, invokeValue, settings);
  if (!sso) return { ok: false, reason: 'absent' };
  const client = userTokenClient(context);
  if (!client) return { ok: false, reason: 'failed' };
  try {
    const response = await client.exchangeToken(
      context.activity.from.id,
      settings.connectionName,
      context.activity.channelId,
      { token: sso },
    );
    if (typeof response?.token !== 'string' || response.token.length === 0) return { ok: false, reason: 'failed' };
    settings.tokens?.set(tokenOwner(context), settings.connectionName, response.token, response.expiration);
    return { ok: true, token: response.token };
  } catch {
    return { ok: false, reason: 'failed' };
  }
}

/** HTTP 401 with a loginRequest: Teams signs the person in silently (SSO) and sends the action again. */
export async function loginRequest(
  context: TurnContext,
  settings: SsoSettings,
  language: Language,
): Promise<AdaptiveCardInvokeResponse> {
  // The sign-in link for clients that cannot do SSO (recommended by the page above); none when the Token Service has none.
  let signInLink: string | undefined;
  const client = userTokenClient(context);
  try {
    signInLink = (await client?.getSignInResource(settings.connectionName, context.activity, ''))?.signInLink;
  } catch {
    signInLink = undefined;
  }
  const title = wording(language).fixes.signInTitle;
  return {
    statusCode: 401,
    type: 'application/vnd.microsoft.activity.loginRequest',
    value: {
      text: title,
      connectionName: settings.connectionName,
      tokenExchangeResource: { id: randomUUID(), uri: settings.resourceUri ?? '' },
      buttons: signInLink ? [{ type: 'signin', title, value: signInLink }] : [],
    },
  };
}

/** HTTP 412: the SSO token could not be exchanged (expired, wrong audience, no consent). */
export function preconditionFailed(): AdaptiveCardInvokeResponse {
  return {
    statusCode: 412,
    type: 'application/vnd.microsoft.error.preconditionFailed',
    value: { code: '412', message: 'The single sign-on token could not be exchanged.' },
  };
}
