/**
 * What differs between production and the demo, in one place: src/app.ts chooses a wiring once
 * (src/wiring/production.ts, or src/demo/wiring.ts) and builds everything else the same way from it.
 */
import type { AuthenticationProvider, Middleware } from '@microsoft/microsoft-graph-client';
import type { ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { MemberResolver } from '../bot/mentions';
import type { ConversationTypeReader } from '../bot/requester';
import type { TokenServiceAddress } from '../bot/tokenService';

export interface Wiring {
  /** Stops what the wiring runs (the demo's live incident); app.close calls it. */
  close?: () => void;
  /** Where Graph tokens come from. */
  graphAuth: AuthenticationProvider;
  /** The Graph client's last link; undefined: real HTTP. */
  graphTransport?: Middleware;
  /** More links before it (the demo's: a process tag for a shared demo tenant). */
  graphMiddleware?: Middleware[];
  /** Groups whose members are sign-in readers. */
  helpdeskGroupIds: string[];
  /** @mentions to Entra object ids. */
  members: MemberResolver;
  conversationType: ConversationTypeReader;
  /** The Bot Framework adapter's settings; empty accepts unauthenticated (local) traffic. */
  botAuthentication: ConfigurationBotFrameworkAuthenticationOptions;
  /** Refuse POST /api/messages without a bearer token before reading the body. */
  requireBearer: boolean;
  /** Graph's address when it is not the configured endpoint, with the hosts the client must trust with a token. */
  graphEndpoint?: { url: string; customHosts: string[] };
  /** Refuses an activity this wiring must not answer (the reason), or null. */
  activityPolicy?: (activity: Record<string, unknown>) => string | null;
  /** Where replies may be posted; undefined: wherever the activity's serviceUrl says. */
  replyUrlAllowed?: (serviceUrl: string) => boolean;
  /**
   * The Bot Framework Token Service when it is not Microsoft's (the demo tenant's imitation): where
   * the UserTokenClient exchanges a fix click's SSO token (src/bot/sso.ts, src/bot/tokenService.ts).
   */
  tokenService?: TokenServiceAddress;
  /** Demo mode only: a demo person's SSO token, standing in for the Teams client's silent sign-in. */
  silentSso?: (aadObjectId: string) => Promise<string | null>;
  /** The health check's details beyond status and version (anonymous: nothing in production). */
  healthDetails: Record<string, unknown>;
}
